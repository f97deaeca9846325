using Cairn.Core.Errors;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's bucket policy operations. OSS's policy language (Version "1", oss:* actions, acs:oss:*:*:bucket/key
/// resources, RAM principals) is not the one Cairn evaluates, and translating it would change what a policy means:
/// GetBucketPolicy, PutBucketPolicy and DeleteBucketPolicy answer NotImplemented in this dialect (its router never
/// reaches them) and are done through the S3 dialect. GetBucketPolicyStatus answers whatever policy the bucket has.
/// </summary>
internal sealed class OssPolicyCodec : IPolicyCodec
{
    public Task<string> ReadBucketPolicyAsync(OperationRequest r) => throw NotOss();

    public Task WriteBucketPolicyAsync(OperationRequest r, string text) => throw NotOss();

    public Task WritePolicyStatusAsync(OperationRequest r, bool isPublic) =>
        OssXml.WriteAsync(r.Response, "PolicyStatus", xml => xml.Element("IsPublic", isPublic), r.Aborted);

    private static CairnException NotOss() =>
        new(ErrorCode.NotImplemented, "Cairn evaluates S3 bucket policies only: read and write them through the S3 dialect.");
}
