using Cairn.Core.Buckets;
using Cairn.Core.Identity;
using Cairn.Server.Dialects;
using Cairn.Server.Hosting;
using Cairn.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Handlers;

/// <summary>Bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, GetBucketVersioning.</summary>
internal sealed class BucketHandlers(BucketService buckets, AclService acls, OwnerNames ownerNames, IOptions<CairnOptions> options)
{
    public async Task ListBucketsAsync(OperationRequest r)
    {
        var input = r.Dialect.Buckets.ReadListBuckets(r);
        // Each user lists the buckets it owns; root, the administrator, lists every bucket.
        var visible = r.Auth.Principal.IsRoot ? await buckets.ListAsync(r.Aborted) : await buckets.ListOwnedByAsync(r.Owner, r.Aborted);
        var all = visible
            .Where(b => b.Name.StartsWith(input.Prefix, StringComparison.Ordinal) && string.CompareOrdinal(b.Name, input.After) > 0)
            .ToList();
        var list = all.Take(input.MaxBuckets ?? int.MaxValue).ToList();
        var owners = await ownerNames.ResolveAsync([r.Owner], r.Aborted);
        await r.Dialect.Buckets.WriteListBucketsAsync(r,
            new ListBucketsResult(list, all.Count > list.Count, input.Prefix, r.Owner, owners[r.Owner], options.Value.Region));
    }

    public async Task CreateBucketAsync(OperationRequest r)
    {
        var acl = r.Dialect.Access.ReadRequestAcl(r);
        var ownership = r.Dialect.Access.ReadRequestOwnership(r);
        await r.Dialect.Buckets.ReadCreateBucketAsync(r);
        var documents = await acls.ForBucketCreateAsync(r.Owner, acl, ownership, r.Aborted);
        await buckets.CreateAsync(r.Bucket, r.Owner, documents, r.Aborted);
        r.Response.Headers.Location = "/" + r.Bucket;
    }

    public async Task HeadBucketAsync(OperationRequest r)
    {
        await buckets.GetAsync(r.Bucket, r.Aborted);
        r.Dialect.Buckets.WriteHeadBucket(r, options.Value.Region);
    }

    public async Task DeleteBucketAsync(OperationRequest r)
    {
        await buckets.DeleteAsync(r.Bucket, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetBucketLocationAsync(OperationRequest r)
    {
        await buckets.GetAsync(r.Bucket, r.Aborted);
        await r.Dialect.Buckets.WriteBucketLocationAsync(r, options.Value.Region);
    }

    public async Task GetBucketVersioningAsync(OperationRequest r)
    {
        await buckets.GetAsync(r.Bucket, r.Aborted);
        await r.Dialect.Buckets.WriteBucketVersioningAsync(r);
    }
}
