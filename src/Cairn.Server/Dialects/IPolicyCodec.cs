using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>A dialect's spelling of the bucket policy operations: the policy document in and out, the policy status.</summary>
internal interface IPolicyCodec
{
    /// <summary>
    /// The policy text of a PutBucketPolicy. At most one byte more than a bucket policy may hold is read, so that an
    /// oversized document is refused by the policy parser (one rule, one message) without reading all of it.
    /// </summary>
    Task<string> ReadBucketPolicyAsync(OperationRequest r);

    /// <summary>The policy exactly as it was put.</summary>
    Task WriteBucketPolicyAsync(OperationRequest r, string text);

    Task WritePolicyStatusAsync(OperationRequest r, bool isPublic);
}
