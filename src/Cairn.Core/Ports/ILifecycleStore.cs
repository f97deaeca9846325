using Cairn.Core.Model;

namespace Cairn.Core.Ports;

/// <summary>
/// What the lifecycle sweeper needs from the metadata store: the buckets that have rules, bounded scans of a bucket's
/// objects in key order, an expiry that removes an object only if it is still the one the sweeper judged (an object
/// written again meanwhile stays), and a place to keep how far a sweep got, so that a sweep interrupted by a crash
/// goes on where it stopped, on whichever node takes it over.
/// </summary>
public interface ILifecycleStore
{
    /// <summary>
    /// Buckets that hold the setting <paramref name="name"/>, with its document, in bucket name order after
    /// <paramref name="afterBucket"/> (exclusive), at most <paramref name="max"/>.
    /// </summary>
    Task<IReadOnlyList<BucketDocument>> ListBucketsWithSettingAsync(string name, string? afterBucket, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Objects of <paramref name="bucket"/> whose keys start with <paramref name="prefix"/>, in key (UTF-8 byte) order
    /// after <paramref name="after"/> (exclusive), at most <paramref name="max"/>. Records carry key, size, ETag, last
    /// modification time and tags; no segments, metadata or content.
    /// </summary>
    Task<IReadOnlyList<ObjectRecord>> ScanObjectsAsync(string bucket, string prefix, string? after, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the object in one transaction only if it still has this ETag and last modification time, queuing its
    /// blobs as garbage; false (changing nothing) when it is gone or was written again.
    /// </summary>
    Task<bool> ExpireObjectAsync(string bucket, string key, string etag, DateTimeOffset lastModified, CancellationToken cancellationToken);

    /// <summary>The progress stored under <paramref name="name"/>; null when none.</summary>
    Task<string?> ReadProgressAsync(string name, CancellationToken cancellationToken);

    /// <summary>Stores (or with null forgets) the progress under <paramref name="name"/>.</summary>
    Task WriteProgressAsync(string name, string? progress, CancellationToken cancellationToken);
}

/// <summary>One bucket's configuration document.</summary>
public sealed record BucketDocument(string Bucket, string Document);
