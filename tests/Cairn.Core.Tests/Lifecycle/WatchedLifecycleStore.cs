using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>
/// The lifecycle store as a sweeper sees it, with <paramref name="afterScan"/> called after each scan of objects
/// (with where the scan started), so a test can see where a sweep went on from or have a client write in between.
/// </summary>
internal sealed class WatchedLifecycleStore(ILifecycleStore store, Func<string?, Task> afterScan) : ILifecycleStore
{
    public async Task<IReadOnlyList<ObjectRecord>> ScanObjectsAsync(string bucket, string prefix, string? after, int max, CancellationToken cancellationToken)
    {
        var scanned = await store.ScanObjectsAsync(bucket, prefix, after, max, cancellationToken);
        await afterScan(after);
        return scanned;
    }

    public Task<IReadOnlyList<BucketDocument>> ListBucketsWithSettingAsync(string name, string? afterBucket, int max, CancellationToken cancellationToken) =>
        store.ListBucketsWithSettingAsync(name, afterBucket, max, cancellationToken);

    public Task<bool> ExpireObjectAsync(string bucket, string key, string etag, DateTimeOffset lastModified, CancellationToken cancellationToken) =>
        store.ExpireObjectAsync(bucket, key, etag, lastModified, cancellationToken);

    public Task<string?> ReadProgressAsync(string name, CancellationToken cancellationToken) => store.ReadProgressAsync(name, cancellationToken);

    public Task WriteProgressAsync(string name, string? progress, CancellationToken cancellationToken) =>
        store.WriteProgressAsync(name, progress, cancellationToken);
}
