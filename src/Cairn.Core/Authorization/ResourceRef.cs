using Cairn.Core.Buckets;
using Cairn.Core.Model;

namespace Cairn.Core.Authorization;

/// <summary>
/// What a request acts on: a bucket (none for ListBuckets) and a key (object operations). The bucket's access
/// configuration and the object's record are read only when a decision needs them, and at most once per request,
/// so a decision that does not look at them costs no store read.
/// </summary>
public sealed class ResourceRef
{
    private readonly Func<CancellationToken, Task<BucketAccess?>>? _readBucket;
    private readonly Func<CancellationToken, Task<ObjectRecord?>>? _readObject;
    private Task<BucketAccess?>? _bucket;
    private Task<ObjectRecord?>? _object;

    /// <param name="bucket">The bucket named by the request, or null.</param>
    /// <param name="key">The object key named by the request, or null.</param>
    /// <param name="readBucket">Reads the bucket's access configuration (null when the bucket does not exist).</param>
    /// <param name="readObject">Reads the object's record (null when the key does not exist).</param>
    public ResourceRef(string? bucket, string? key,
        Func<CancellationToken, Task<BucketAccess?>>? readBucket, Func<CancellationToken, Task<ObjectRecord?>>? readObject = null)
    {
        Bucket = bucket;
        Key = bucket is null ? null : key;
        _readBucket = bucket is null ? null : readBucket;
        _readObject = Key is null ? null : readObject;
    }

    public string? Bucket { get; }

    public string? Key { get; }

    /// <summary>The ARN policies see: the object's when a key is named, else the bucket's, else "*".</summary>
    public string Arn => Bucket is null ? "*" : Key is null ? Arns.Bucket(Bucket) : Arns.ObjectKey(Bucket, Key);

    /// <summary>The bucket's access configuration; null when the request names no bucket or it does not exist.</summary>
    public Task<BucketAccess?> BucketAccessAsync(CancellationToken cancellationToken) =>
        _readBucket is null ? Task.FromResult<BucketAccess?>(null) : _bucket ??= _readBucket(cancellationToken);

    /// <summary>The owner user id of <see cref="Bucket"/>; null when the request names no bucket or it does not exist.</summary>
    public async Task<string?> BucketOwnerAsync(CancellationToken cancellationToken) =>
        (await BucketAccessAsync(cancellationToken))?.Owner;

    /// <summary>The object's record; null when the request names no key or it does not exist.</summary>
    public Task<ObjectRecord?> ObjectAsync(CancellationToken cancellationToken) =>
        _readObject is null ? Task.FromResult<ObjectRecord?>(null) : _object ??= _readObject(cancellationToken);

    /// <summary>The same bucket without the key (what "may the caller list this bucket?" is asked about).</summary>
    public ResourceRef WithoutKey() => Key is null ? this : new ResourceRef(Bucket, null, BucketAccessAsync);
}
