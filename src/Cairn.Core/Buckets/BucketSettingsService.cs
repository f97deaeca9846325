using Cairn.Core.Caching;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Ports;

namespace Cairn.Core.Buckets;

/// <summary>
/// Reads and writes bucket configuration documents. Every request that is authorized reads its bucket's access
/// configuration, so found buckets are kept in memory for <see cref="CachingIdentityStore.DefaultLifetime"/>: a
/// change through this process (a setting, a deleted bucket) drops the entry at once; a change made by another node
/// sharing the store is seen once the entry ages out (docs/access-control.md "Caching").
/// </summary>
public sealed class BucketSettingsService
{
    private readonly IBucketSettingsStore _store;
    private readonly ReadThroughCache<BucketAccess> _cache;
    private readonly Func<string, CancellationToken, Task<BucketAccess?>> _read;

    public BucketSettingsService(IBucketSettingsStore store, TimeProvider time, TimeSpan? lifetime = null)
    {
        _store = store;
        _cache = new(time, lifetime ?? CachingIdentityStore.DefaultLifetime);
        _read = ReadAsync;
    }

    public TimeSpan Lifetime => _cache.Lifetime;

    /// <summary>The bucket's access configuration; null when the bucket does not exist.</summary>
    public Task<BucketAccess?> FindAsync(string bucket, CancellationToken cancellationToken) =>
        _cache.GetAsync(bucket, _read, cancellationToken);

    /// <summary>The bucket's access configuration; NoSuchBucket when it does not exist.</summary>
    public async Task<BucketAccess> GetAsync(string bucket, CancellationToken cancellationToken) =>
        await FindAsync(bucket, cancellationToken) ?? throw Failures.NoSuchBucket(bucket);

    /// <summary>Sets (null: removes) one document; NoSuchBucket when the bucket does not exist.</summary>
    public async Task SetAsync(string bucket, string name, string? document, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _store.SetBucketSettingAsync(bucket, name, document, cancellationToken))
            {
                throw Failures.NoSuchBucket(bucket);
            }
        }
        finally
        {
            Forget(bucket);
        }
    }

    /// <summary>Drops what is cached about <paramref name="bucket"/> (it was created, deleted or changed here).</summary>
    public void Forget(string bucket) => _cache.Forget(bucket);

    private async Task<BucketAccess?> ReadAsync(string bucket, CancellationToken cancellationToken) =>
        await _store.GetBucketSettingsAsync(bucket, cancellationToken) is { } settings ? new BucketAccess(settings) : null;
}
