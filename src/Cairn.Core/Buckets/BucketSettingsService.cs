using System.Collections.Concurrent;
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
    private const int MaxEntries = 4096;

    private readonly IBucketSettingsStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (BucketAccess Access, DateTimeOffset FreshUntil)> _cache = new(StringComparer.Ordinal);
    private long _generation;

    public BucketSettingsService(IBucketSettingsStore store, TimeProvider time, TimeSpan? lifetime = null)
    {
        _store = store;
        _time = time;
        Lifetime = lifetime ?? CachingIdentityStore.DefaultLifetime;
    }

    public TimeSpan Lifetime { get; }

    /// <summary>The bucket's access configuration; null when the bucket does not exist.</summary>
    public async Task<BucketAccess?> FindAsync(string bucket, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(bucket, out var entry) && now < entry.FreshUntil)
        {
            return entry.Access;
        }

        var generation = Interlocked.Read(ref _generation);
        var settings = await _store.GetBucketSettingsAsync(bucket, cancellationToken);
        if (settings is null)
        {
            _cache.TryRemove(bucket, out _);
            return null;
        }

        var access = new BucketAccess(settings);
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        _cache[bucket] = (access, now + Lifetime);
        if (Interlocked.Read(ref _generation) != generation)
        {
            // A write finished while this read was in flight: what was read may predate it.
            _cache.TryRemove(bucket, out _);
        }

        return access;
    }

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
    public void Forget(string bucket)
    {
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(bucket, out _);
    }
}
