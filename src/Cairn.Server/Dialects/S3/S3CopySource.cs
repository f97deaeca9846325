using Cairn.Server.Http;

namespace Cairn.Server.Dialects.S3;

/// <summary>The copy source of CopyObject and UploadPartCopy: <c>x-amz-copy-source</c> and its <c>x-amz-copy-source-if-*</c> conditions.</summary>
internal static class S3CopySource
{
    public static CopySource ReadSource(IHeaderDictionary headers) => CopySource.Parse(headers[S3Headers.CopySource], S3Headers.CopySource);

    public static ObjectConditions ReadConditions(IHeaderDictionary headers) => new(
        headers[S3Headers.CopySourceIfMatch], headers[S3Headers.CopySourceIfUnmodifiedSince],
        headers[S3Headers.CopySourceIfNoneMatch], headers[S3Headers.CopySourceIfModifiedSince]);
}
