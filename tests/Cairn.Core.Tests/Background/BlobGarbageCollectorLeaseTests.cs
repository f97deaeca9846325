using Cairn.Core.Background;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Core.Tests.Support;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Background;

/// <summary>
/// The collector among several nodes sharing one store and blob directory: the sweep runs only under the sweep
/// lease, renewed at every slice and kept until the next sweep is due; the queue is worked whatever the lease; and
/// the temp files of a node that never came back go once they are older than the orphan grace.
/// </summary>
public sealed class BlobGarbageCollectorLeaseTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Grace = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _directory = new();
    private readonly SqliteMetadataStore _metadata;
    private readonly FileBlobStore _blobs;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly FakeLeaseStore _leases;
    private readonly BlobGarbageCollector _collector;

    public BlobGarbageCollectorLeaseTests()
    {
        _metadata = new SqliteMetadataStore(Path.Combine(_directory.Path, "metadata.db"), _clock);
        _blobs = new FileBlobStore(_directory.Path, NodeId.Parse("node-a"));
        _leases = new FakeLeaseStore(_clock);
        _collector = new BlobGarbageCollector(_metadata, _blobs, _leases, _clock, new GarbageCollectionSettings
        {
            Node = NodeId.Parse("node-a"),
            ReaderGrace = TimeSpan.Zero,
            OrphanGrace = Grace,
            SweepLease = Lease,
            SweepBatch = 1,
        });
    }

    public void Dispose()
    {
        _collector.Dispose();
        _metadata.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_node_that_cannot_take_the_sweep_lease_skips_the_sweep_but_still_works_the_queue()
    {
        _leases.Give(BlobGarbageCollector.SweepLeaseName, "node-b", Lease);
        var orphan = await WriteOldBlobAsync();
        var queued = await WriteOldBlobAsync();
        await QueueAsGarbageAsync(queued);
        var leftover = TempFile(_blobs.TempDirectory, "old-leftover", TimeSpan.FromHours(2));

        var pass = await _collector.RunPassAsync(None);

        Assert.Equal(new WorkPass(1, MoreWaiting: false), pass);
        Assert.False(Exists(queued));
        Assert.True(Exists(orphan));
        Assert.True(File.Exists(leftover));
        Assert.Equal("node-b", _leases.HolderOf(BlobGarbageCollector.SweepLeaseName));
    }

    [Fact]
    public async Task A_skipped_sweep_is_tried_again_once_the_orphan_grace_has_passed_and_runs_if_the_lease_is_free()
    {
        _leases.Give(BlobGarbageCollector.SweepLeaseName, "node-b", Lease);
        var orphan = await WriteOldBlobAsync();
        await RunUntilIdleAsync();

        _clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await RunUntilIdleAsync();
        Assert.True(Exists(orphan));
        Assert.Single(_leases.Attempts);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await RunUntilIdleAsync();
        Assert.False(Exists(orphan));
    }

    [Fact]
    public async Task A_sweep_renews_the_lease_at_every_slice_and_keeps_it_until_the_next_sweep_is_due()
    {
        var orphans = new[] { await WriteOldBlobAsync(), await WriteOldBlobAsync(), await WriteOldBlobAsync() };

        var passes = await RunUntilIdleAsync();

        Assert.All(orphans, o => Assert.False(Exists(o)));
        Assert.True(passes.Count > orphans.Length, "one file is looked at per pass");
        var attempts = _leases.Attempts;
        Assert.All(attempts, a => Assert.Equal((BlobGarbageCollector.SweepLeaseName, "node-a", true), (a.Name, a.Holder, a.Granted)));
        Assert.Equal(passes.Count + 1, attempts.Count); // one per slice, one more when the sweep ends
        Assert.All(attempts.SkipLast(1), a => Assert.Equal(Lease, a.Duration));
        Assert.Equal(Grace, attempts[^1].Duration); // no time passed on the clock: the next sweep is a grace away
        Assert.Equal("node-a", _leases.HolderOf(BlobGarbageCollector.SweepLeaseName));
    }

    [Fact]
    public async Task A_sweep_whose_lease_went_to_another_node_stops_at_its_next_slice()
    {
        var orphans = new[] { await WriteOldBlobAsync(), await WriteOldBlobAsync(), await WriteOldBlobAsync() };
        Assert.True((await _collector.RunPassAsync(None)).MoreWaiting);

        // This node stalled past its lease, and another node took it.
        _leases.Give(BlobGarbageCollector.SweepLeaseName, "node-b", Lease);
        var pass = await _collector.RunPassAsync(None);

        Assert.Equal(new WorkPass(0, MoreWaiting: false), pass);
        Assert.Equal(2, orphans.Count(Exists));
    }

    [Fact]
    public async Task An_immediate_collection_sweeps_orphans_only_when_it_can_take_the_lease()
    {
        var orphan = await WriteOldBlobAsync();
        _leases.Give(BlobGarbageCollector.SweepLeaseName, "node-b", Lease);

        Assert.Equal(0, await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: true, None));
        Assert.True(Exists(orphan));

        _clock.Advance(Lease);
        Assert.Equal(1, await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: true, None));
        Assert.False(Exists(orphan));
    }

    [Fact]
    public async Task A_sweep_removes_the_old_temp_files_of_a_node_that_never_came_back_and_keeps_its_young_ones()
    {
        var deadNode = new FileBlobStore(_directory.Path, NodeId.Parse("node-gone"));
        var old = TempFile(deadNode.TempDirectory, "old", Grace + TimeSpan.FromMinutes(1));
        var young = TempFile(deadNode.TempDirectory, "young", Grace - TimeSpan.FromMinutes(10));

        await RunUntilIdleAsync();

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(young));
    }

    private async Task<List<WorkPass>> RunUntilIdleAsync()
    {
        var passes = new List<WorkPass>();
        do
        {
            passes.Add(await _collector.RunPassAsync(None));
        }
        while (passes[^1].MoreWaiting);

        return passes;
    }

    /// <summary>A committed blob nothing references, written (by the clock) long before the orphan grace.</summary>
    private async Task<string> WriteOldBlobAsync()
    {
        await using var writer = _blobs.CreateWriter();
        await writer.WriteAsync(new byte[] { 42 }, None);
        await writer.CommitAsync(None);
        File.SetLastWriteTimeUtc(_blobs.PathOf(writer.BlobId), (_clock.GetUtcNow() - 2 * Grace).UtcDateTime);
        return writer.BlobId;
    }

    private async Task QueueAsGarbageAsync(string blobId)
    {
        await _metadata.CreateBucketAsync(new BucketRecord("b", "owner", DateTimeOffset.UnixEpoch), None);
        await _metadata.PutObjectAsync(new ObjectRecord
        {
            Bucket = "b", Key = "k", Size = 1, ETag = "e", LastModified = DateTimeOffset.UnixEpoch, Segments = [new Segment(blobId, 0, 1)],
        }, None);
        await _metadata.DeleteObjectAsync("b", "k", None);
    }

    private bool Exists(string blobId) => File.Exists(_blobs.PathOf(blobId));

    private string TempFile(string directory, string name, TimeSpan writtenAgo)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, name);
        File.SetLastWriteTimeUtc(path, (_clock.GetUtcNow() - writtenAgo).UtcDateTime);
        return path;
    }
}
