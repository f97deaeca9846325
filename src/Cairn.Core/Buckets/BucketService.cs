using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Core.Ports;

namespace Cairn.Core.Buckets;

/// <summary>Bucket use cases.</summary>
public sealed class BucketService(IBucketStore metadata, SpaceAdmission space, TimeProvider time)
{
    public async Task<BucketRecord> CreateAsync(string name, string owner, CancellationToken cancellationToken)
    {
        var bucketName = BucketName.Parse(name);
        space.AdmitMetadata();
        var record = new BucketRecord(bucketName.Value, owner, time.GetUtcNow());
        var existing = await metadata.CreateBucketAsync(record, cancellationToken);
        if (existing is null)
        {
            return record;
        }

        var details = new ErrorDetails { BucketName = name };
        throw existing.Owner == owner
            ? new CairnException(ErrorCode.BucketAlreadyOwnedByYou, "Your previous request to create the named bucket succeeded and you already own it.") { Details = details }
            : new CairnException(ErrorCode.BucketAlreadyExists, "The requested bucket name is not available.") { Details = details };
    }

    public async Task<BucketRecord> GetAsync(string name, CancellationToken cancellationToken) =>
        await metadata.GetBucketAsync(name, cancellationToken)
        ?? throw Failures.NoSuchBucket(name);

    public Task<IReadOnlyList<BucketRecord>> ListAsync(CancellationToken cancellationToken) =>
        metadata.ListBucketsAsync(cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        metadata.DeleteBucketAsync(name, cancellationToken);
}
