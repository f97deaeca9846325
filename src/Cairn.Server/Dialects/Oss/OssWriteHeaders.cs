using Cairn.Core.Model;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// The representation headers an OSS write stores (PutObject, CopyObject's target, InitiateMultipartUpload):
/// Content-Type, Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires, and the class
/// named by <c>x-oss-storage-class</c> in place of S3's header.
/// </summary>
internal static class OssWriteHeaders
{
    public static ObjectHeaders ReadObjectHeaders(IHeaderDictionary headers) =>
        ObjectRequestHeaders.ReadObjectHeaders(headers) with { StorageClass = OssStorageClasses.Read(headers) };
}
