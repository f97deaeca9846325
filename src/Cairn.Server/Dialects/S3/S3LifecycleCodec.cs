using Cairn.Core.Errors;
using Cairn.Core.Lifecycle;
using Cairn.Core.Objects;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// Put/GetBucketLifecycleConfiguration in S3's spelling (<see cref="S3LifecycleDocument"/>) and the deadline headers:
/// <c>x-amz-expiration</c> on the object operations, <c>x-amz-abort-date</c> and <c>x-amz-abort-rule-id</c> on
/// CreateMultipartUpload and ListParts. S3 requires the document's integrity to be claimed: Content-MD5 or an
/// x-amz-checksum-* header (or trailer), verified as the body is read.
/// </summary>
internal sealed class S3LifecycleCodec : ILifecycleCodec
{
    /// <summary>A thousand rules with long IDs, tags and every action fit well under 2 MiB.</summary>
    public const int MaxDocumentBytes = 2 * 1024 * 1024;

    public const string ExpirationHeader = "x-amz-expiration";

    public const string AbortDateHeader = "x-amz-abort-date";

    public const string AbortRuleIdHeader = "x-amz-abort-rule-id";

    public async Task<LifecycleConfiguration> ReadConfigurationAsync(OperationRequest r)
    {
        var integrity = ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth);
        if (integrity.ContentMd5 is null && integrity.ChecksumAlgorithm is null)
        {
            throw new CairnException(ErrorCode.InvalidRequest, "Missing required header for this request: Content-MD5");
        }

        var document = await S3Xml.ReadDocumentAsync(new VerifyingReadStream(r.OpenBody(), integrity), MaxDocumentBytes, S3LifecycleDocument.Root, r.Aborted);
        return S3LifecycleDocument.Read(document);
    }

    public Task WriteConfigurationAsync(OperationRequest r, LifecycleConfiguration configuration) =>
        S3Xml.WriteAsync(r.Response, S3LifecycleDocument.Root, xml => S3LifecycleDocument.Write(xml, configuration), r.Aborted);

    public void WriteObjectExpiry(OperationRequest r, LifecycleDeadline deadline) =>
        r.Response.Headers[ExpirationHeader] = LifecycleHeaderValues.Expiration(deadline);

    public void WriteUploadAbort(OperationRequest r, LifecycleDeadline deadline)
    {
        r.Response.Headers[AbortDateHeader] = LifecycleHeaderValues.Date(deadline.At);
        r.Response.Headers[AbortRuleIdHeader] = LifecycleHeaderValues.AbortRuleId(deadline.RuleId);
    }
}
