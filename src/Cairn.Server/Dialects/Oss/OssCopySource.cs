using Cairn.Server.Http;

namespace Cairn.Server.Dialects.Oss;

/// <summary>The copy source of CopyObject and UploadPartCopy in OSS's spelling: <c>x-oss-copy-source</c>, its conditions and range.</summary>
internal static class OssCopySource
{
    public static CopySource ReadSource(IHeaderDictionary headers) => CopySource.Parse(headers[OssHeaders.CopySource], OssHeaders.CopySource);

    public static ObjectConditions ReadConditions(IHeaderDictionary headers) => new(
        headers[OssHeaders.CopySourceIfMatch], headers[OssHeaders.CopySourceIfUnmodifiedSince],
        headers[OssHeaders.CopySourceIfNoneMatch], headers[OssHeaders.CopySourceIfModifiedSince]);

    public static SourceRange? ReadRange(IHeaderDictionary headers) => SourceRange.Parse(headers[OssHeaders.CopySourceRange], OssHeaders.CopySourceRange);
}
