using Cairn.Core.Buckets;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>
/// Put/Get/DeleteBucketOwnershipControls and Put/Get/DeletePublicAccessBlock (docs/access-control.md "Object
/// Ownership", "Public access block").
/// </summary>
internal sealed class BucketControlsHandlers(BucketControlsService controls)
{
    public async Task GetOwnershipControlsAsync(OperationRequest r) =>
        await r.Dialect.Access.WriteOwnershipControlsAsync(r, await controls.GetOwnershipAsync(r.Bucket, r.Aborted));

    public async Task PutOwnershipControlsAsync(OperationRequest r)
    {
        var ownership = await r.Dialect.Access.ReadOwnershipControlsAsync(r);
        await controls.PutOwnershipAsync(r.Bucket, ownership, r.Aborted);
    }

    public async Task DeleteOwnershipControlsAsync(OperationRequest r)
    {
        await controls.DeleteOwnershipAsync(r.Bucket, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetPublicAccessBlockAsync(OperationRequest r) =>
        await r.Dialect.Access.WritePublicAccessBlockAsync(r, await controls.GetPublicAccessBlockAsync(r.Bucket, r.Aborted));

    public async Task PutPublicAccessBlockAsync(OperationRequest r)
    {
        var block = await r.Dialect.Access.ReadPublicAccessBlockAsync(r);
        await controls.PutPublicAccessBlockAsync(r.Bucket, block, r.Aborted);
    }

    public async Task DeletePublicAccessBlockAsync(OperationRequest r)
    {
        await controls.DeletePublicAccessBlockAsync(r.Bucket, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
