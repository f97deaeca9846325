using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>OSS's bucket policy operations.</summary>
internal sealed class OssPolicyCodec : IPolicyCodec
{
    public Task<string> ReadBucketPolicyAsync(OperationRequest r) => throw Pending.Operation();

    public Task WriteBucketPolicyAsync(OperationRequest r, string text) => throw Pending.Operation();

    public Task WritePolicyStatusAsync(OperationRequest r, bool isPublic) => throw Pending.Operation();
}
