using Cairn.Core.Buckets;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>Bucket policy operations: GetBucketPolicy, PutBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus.</summary>
internal sealed class BucketPolicyHandlers(BucketPolicyService policies)
{
    public async Task GetBucketPolicyAsync(OperationRequest r)
    {
        var text = await policies.GetTextAsync(r.Bucket, r.Aborted);
        await r.Dialect.Policies.WriteBucketPolicyAsync(r, text);
    }

    public async Task PutBucketPolicyAsync(OperationRequest r)
    {
        await policies.PutAsync(r.Bucket, () => r.Dialect.Policies.ReadBucketPolicyAsync(r), r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task DeleteBucketPolicyAsync(OperationRequest r)
    {
        await policies.DeleteAsync(r.Bucket, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetBucketPolicyStatusAsync(OperationRequest r)
    {
        var isPublic = await policies.IsPublicAsync(r.Bucket, r.Aborted);
        await r.Dialect.Policies.WritePolicyStatusAsync(r, isPublic);
    }
}
