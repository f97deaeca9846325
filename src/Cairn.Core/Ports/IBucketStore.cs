using Cairn.Core.Model;

namespace Cairn.Core.Ports;

/// <summary>
/// Buckets in the metadata store. Each method is one atomic transaction; races between requests (also from
/// several server processes) are settled by the store.
/// </summary>
public interface IBucketStore
{
    /// <summary>Creates a bucket; returns the existing record instead when the name is taken.</summary>
    Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, CancellationToken cancellationToken);

    Task<BucketRecord?> GetBucketAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes an empty bucket (NoSuchBucket, BucketNotEmpty otherwise); its incomplete uploads are aborted.</summary>
    Task DeleteBucketAsync(string name, CancellationToken cancellationToken);
}
