using Cairn.Core.Model;

namespace Cairn.Core.Ports;

/// <summary>
/// A bucket's configuration documents (ACL, policy, public access block, ownership, CORS... named by
/// <see cref="BucketSettingNames"/>), kept with the bucket and gone with it. Documents are opaque text to the store:
/// Core owns their format (<see cref="Buckets.BucketSettingsCodec"/>). Each call is one atomic transaction.
/// </summary>
public interface IBucketSettingsStore
{
    /// <summary>
    /// Creates a bucket together with its first documents, in one transaction; returns the existing record instead,
    /// writing nothing, when the name is taken.
    /// </summary>
    Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken);

    /// <summary>The bucket and all its documents, read in one snapshot; null when the bucket does not exist.</summary>
    Task<BucketSettings?> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>Sets (or with a null document removes) one document; false when the bucket does not exist.</summary>
    Task<bool> SetBucketSettingAsync(string bucket, string name, string? document, CancellationToken cancellationToken);

    /// <summary>Names of the buckets <paramref name="ownerId"/> owns, in name order.</summary>
    Task<IReadOnlyList<BucketRecord>> ListBucketsOwnedByAsync(string ownerId, CancellationToken cancellationToken);
}
