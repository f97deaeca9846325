using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Core.Ports;

namespace Cairn.Core.Buckets;

/// <summary>Bucket use cases.</summary>
public sealed class BucketService(IBucketStore metadata, IBucketSettingsStore settingsStore, BucketSettingsService settings, SpaceAdmission space, TimeProvider time)
{
    public Task<BucketRecord> CreateAsync(string name, string owner, CancellationToken cancellationToken) =>
        CreateAsync(name, owner, new Dictionary<string, string>(), cancellationToken);

    /// <summary>
    /// Creates a bucket with its first configuration documents (ACL, ownership...) in one transaction, so the
    /// bucket is never visible without them.
    /// </summary>
    public async Task<BucketRecord> CreateAsync(string name, string owner, IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken)
    {
        var bucketName = BucketName.Parse(name);
        space.AdmitMetadata();
        var record = new BucketRecord(bucketName.Value, owner, time.GetUtcNow());
        var existing = await settingsStore.CreateBucketAsync(record, documents, cancellationToken);
        settings.Forget(record.Name);
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

    /// <summary>The buckets <paramref name="owner"/> owns, in name order.</summary>
    public Task<IReadOnlyList<BucketRecord>> ListOwnedByAsync(string owner, CancellationToken cancellationToken) =>
        settingsStore.ListBucketsOwnedByAsync(owner, cancellationToken);

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await metadata.DeleteBucketAsync(name, cancellationToken);
        }
        finally
        {
            settings.Forget(name);
        }
    }
}
