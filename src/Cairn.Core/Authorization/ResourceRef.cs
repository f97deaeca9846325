using Cairn.Core.Ports;

namespace Cairn.Core.Authorization;

/// <summary>
/// What a request acts on: a bucket (none for ListBuckets), a key (object operations), and the bucket's owner. The
/// owner is read from the metadata store only when a policy asks for it, and at most once per request, so a
/// policy that does not look at ownership costs no store read.
/// </summary>
public sealed class ResourceRef
{
    private readonly Func<CancellationToken, Task<string?>>? _readOwner;
    private Task<string?>? _owner;

    /// <param name="bucket">The bucket named by the request, or null.</param>
    /// <param name="key">The object key named by the request, or null.</param>
    /// <param name="readOwner">Reads the bucket's owner user id (null when the bucket does not exist).</param>
    public ResourceRef(string? bucket, string? key, Func<CancellationToken, Task<string?>>? readOwner)
    {
        Bucket = bucket;
        Key = key;
        _readOwner = bucket is null ? null : readOwner;
    }

    public string? Bucket { get; }

    public string? Key { get; }

    /// <summary>A resource whose bucket owner comes from the bucket record in <paramref name="metadata"/>.</summary>
    public static ResourceRef In(IBucketStore metadata, string? bucket, string? key) =>
        new(bucket, key, bucket is null ? null : async ct => (await metadata.GetBucketAsync(bucket, ct))?.Owner);

    /// <summary>The owner user id of <see cref="Bucket"/>; null when the request names no bucket or it does not exist.</summary>
    public Task<string?> BucketOwnerAsync(CancellationToken cancellationToken) =>
        _readOwner is null ? Task.FromResult<string?>(null) : _owner ??= _readOwner(cancellationToken);
}
