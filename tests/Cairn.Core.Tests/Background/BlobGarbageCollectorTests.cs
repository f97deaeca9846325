using Cairn.Core.Background;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Background;

public sealed class BlobGarbageCollectorTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();
    private readonly SqliteMetadataStore _metadata;
    private readonly FileBlobStore _blobs;
    private readonly BlobGarbageCollector _collector;

    public BlobGarbageCollectorTests()
    {
        _metadata = new SqliteMetadataStore(Path.Combine(_directory.Path, "metadata.db"), TimeProvider.System);
        _blobs = new FileBlobStore(_directory.Path, NodeId.Parse("node-a"));
        _collector = new BlobGarbageCollector(_metadata, _blobs, _metadata, TimeProvider.System);
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_queued_blob_is_deleted_and_its_queue_entry_forgotten()
    {
        await CreateBucket();
        var blob = await WriteBlob();
        var survivor = await WriteBlob();
        await Put("doomed", blob);
        await Put("kept", survivor);
        await _metadata.DeleteObjectAsync("b", "doomed", None);

        var deleted = await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: false, None);

        Assert.Equal(1, deleted);
        Assert.False(Exists(blob));
        Assert.True(Exists(survivor));
        Assert.Empty(await _metadata.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [Fact]
    public async Task Blobs_of_an_overwritten_multipart_object_are_all_deleted()
    {
        await CreateBucket();
        var parts = new[] { await WriteBlob(), await WriteBlob(), await WriteBlob() };
        var replacement = await WriteBlob();
        await Put("k", parts);
        await Put("k", replacement);

        var deleted = await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: false, None);

        Assert.Equal(3, deleted);
        Assert.All(parts, p => Assert.False(Exists(p)));
        Assert.True(Exists(replacement));
    }

    [Fact]
    public async Task A_queued_blob_that_was_referenced_again_before_the_pass_is_kept()
    {
        await CreateBucket();
        var blob = await WriteBlob();
        await Put("first", blob);
        await _metadata.DeleteObjectAsync("b", "first", None);
        await Put("copy", blob); // e.g. a copy that picked up the manifest before the delete

        var deleted = await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: false, None);

        Assert.Equal(0, deleted);
        Assert.True(Exists(blob));
        Assert.Empty(await _metadata.GetGarbageAsync(TimeSpan.Zero, 100, None));

        // Losing its last reference again queues it again, and then it goes.
        await _metadata.DeleteObjectAsync("b", "copy", None);
        Assert.Equal(1, await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: false, None));
        Assert.False(Exists(blob));
    }

    [Fact]
    public async Task A_queued_blob_younger_than_the_grace_period_is_kept_and_stays_queued()
    {
        await CreateBucket();
        var blob = await WriteBlob();
        await Put("k", blob);
        await _metadata.DeleteObjectAsync("b", "k", None);

        var deleted = await _collector.CollectAsync(TimeSpan.FromHours(1), sweepOrphans: false, None);

        Assert.Equal(0, deleted);
        Assert.True(Exists(blob));
        Assert.Equal([blob], await _metadata.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [Fact]
    public async Task A_queued_blob_whose_file_is_already_gone_is_forgotten()
    {
        await CreateBucket();
        var blob = await WriteBlob();
        await Put("k", blob);
        await _metadata.DeleteObjectAsync("b", "k", None);
        _blobs.Delete(blob);

        await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: false, None);

        Assert.Empty(await _metadata.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [Fact]
    public async Task A_pass_works_through_more_garbage_than_one_batch()
    {
        await CreateBucket();
        var blobs = new List<string>();
        for (var i = 0; i < 1100; i++)
        {
            blobs.Add(await WriteBlob());
        }

        await Put("k", [.. blobs]);
        await _metadata.DeleteObjectAsync("b", "k", None);

        var deleted = await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: false, None);

        Assert.Equal(1100, deleted);
        Assert.Empty(_blobs.EnumerateBlobs());
        Assert.Empty(await _metadata.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [Fact]
    public async Task An_orphan_blob_is_removed_by_a_sweep_with_zero_grace_and_referenced_blobs_stay()
    {
        await CreateBucket();
        var orphan = await WriteBlob(); // committed, but the referencing transaction never happened
        var referenced = await WriteBlob();
        await Put("k", referenced);

        var deleted = await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: true, None);

        Assert.Equal(1, deleted);
        Assert.False(Exists(orphan));
        Assert.True(Exists(referenced));
    }

    [Fact]
    public async Task An_orphan_blob_younger_than_a_large_grace_is_kept()
    {
        var orphan = await WriteBlob();

        var deleted = await _collector.CollectAsync(TimeSpan.FromHours(1), sweepOrphans: true, None);

        Assert.Equal(0, deleted);
        Assert.True(Exists(orphan));
    }

    [Fact]
    public async Task A_sweep_ages_temp_files_and_orphan_blobs_on_the_injected_clock()
    {
        // The collector's clock runs 30 minutes ahead of the file times: ages are 30 minutes more by it.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(30));
        var collector = new BlobGarbageCollector(_metadata, _blobs, _metadata, clock);
        var youngTemp = TempFile("young", writtenAgo: TimeSpan.FromMinutes(10));
        var oldTemp = TempFile("old", writtenAgo: TimeSpan.FromMinutes(50));
        var youngOrphan = await WriteBlob();
        var oldOrphan = await WriteBlob();
        File.SetLastWriteTimeUtc(_blobs.PathOf(youngOrphan), DateTime.UtcNow.AddMinutes(-10));
        File.SetLastWriteTimeUtc(_blobs.PathOf(oldOrphan), DateTime.UtcNow.AddMinutes(-50));

        var deleted = await collector.CollectAsync(TimeSpan.FromHours(1), sweepOrphans: true, None);

        Assert.Equal(1, deleted);
        Assert.True(File.Exists(youngTemp));
        Assert.False(File.Exists(oldTemp));
        Assert.True(Exists(youngOrphan));
        Assert.False(Exists(oldOrphan));

        clock.Advance(TimeSpan.FromMinutes(30));
        await collector.CollectAsync(TimeSpan.FromHours(1), sweepOrphans: true, None);

        Assert.False(File.Exists(youngTemp));
        Assert.False(Exists(youngOrphan));
    }

    [Fact]
    public async Task An_orphan_blob_is_left_alone_when_the_pass_does_not_sweep()
    {
        var orphan = await WriteBlob();

        var deleted = await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: false, None);

        Assert.Equal(0, deleted);
        Assert.True(Exists(orphan));
    }

    [Fact]
    public async Task A_copy_that_commits_after_the_collector_doomed_its_source_blob_fails_and_references_nothing()
    {
        await CreateBucket();
        var blob = await WriteBlob();
        await Put("source", blob);
        var source = (await _metadata.GetObjectAsync("b", "source", None))!;
        await _metadata.DeleteObjectAsync("b", "source", None);

        // The collector claims the blob between the copy's read of its source and the copy's commit.
        Assert.Equal([blob], await _metadata.DoomAsync([blob], None));
        var error = await Assert.ThrowsAsync<Cairn.Core.Errors.CairnException>(() =>
            _metadata.PutObjectAsync(source with { Key = "copy" }, None));

        Assert.Equal(Cairn.Core.Errors.ErrorCode.NoSuchKey, error.Code);
        Assert.Null(await _metadata.GetObjectAsync("b", "copy", None));
        Assert.False(await _metadata.IsBlobReferencedAsync(blob, None));
    }

    [Fact]
    public async Task A_queued_blob_referenced_again_by_a_copy_leaves_the_queue_and_survives_a_pass()
    {
        await CreateBucket();
        var blob = await WriteBlob();
        await Put("source", blob);
        var source = (await _metadata.GetObjectAsync("b", "source", None))!;
        await _metadata.DeleteObjectAsync("b", "source", None);
        Assert.Equal([blob], await _metadata.GetGarbageAsync(TimeSpan.Zero, 100, None));

        await _metadata.PutObjectAsync(source with { Key = "copy" }, None);

        Assert.Empty(await _metadata.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.Equal(0, await _collector.CollectAsync(TimeSpan.Zero, sweepOrphans: true, None));
        Assert.True(Exists(blob));
        Assert.Empty(await _metadata.DoomAsync([blob], None));
    }

    [Fact]
    public async Task A_pass_is_bounded_and_reports_more_waiting_until_the_queue_is_drained()
    {
        await CreateBucket();
        var blobs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            blobs.Add(await WriteBlob());
        }

        await Put("k", [.. blobs]);
        await _metadata.DeleteObjectAsync("b", "k", None);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var collector = new BlobGarbageCollector(_metadata, _blobs, _metadata, clock, new GarbageCollectionSettings { ReaderGrace = TimeSpan.Zero, QueueBatch = 2 });

        var passes = new List<WorkPass>();
        do
        {
            passes.Add(await collector.RunPassAsync(None));
        }
        while (passes[^1].MoreWaiting);

        Assert.Equal([2, 2, 1], passes.Select(p => p.Done));
        Assert.All(blobs, b => Assert.False(Exists(b)));
    }

    [Fact]
    public async Task Queued_blobs_wait_out_the_reader_grace_on_the_injected_clock()
    {
        await CreateBucket();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var metadata = new SqliteMetadataStore(Path.Combine(_directory.Path, "clocked.db"), clock);
        await metadata.CreateBucketAsync(new BucketRecord("b", "owner", DateTimeOffset.UnixEpoch), None);
        var blob = await WriteBlob();
        await metadata.PutObjectAsync(new ObjectRecord
        {
            Bucket = "b", Key = "k", Size = 1, ETag = "e", LastModified = DateTimeOffset.UnixEpoch, Segments = [new Segment(blob, 0, 1)],
        }, None);
        await metadata.DeleteObjectAsync("b", "k", None);
        using var collector = new BlobGarbageCollector(metadata, _blobs, metadata, clock, new GarbageCollectionSettings { ReaderGrace = TimeSpan.FromSeconds(30) });

        Assert.Equal(0, (await collector.RunPassAsync(None)).Done);
        Assert.True(Exists(blob));

        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, (await collector.RunPassAsync(None)).Done);
        Assert.False(Exists(blob));
    }

    [Fact]
    public async Task Passes_sweep_orphans_at_the_first_pass_and_again_once_the_orphan_grace_has_passed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromHours(2));
        var settings = new GarbageCollectionSettings { OrphanGrace = TimeSpan.FromHours(1), SweepBatch = 1 };
        using var collector = new BlobGarbageCollector(_metadata, _blobs, _metadata, clock, settings);
        var first = await WriteBlob();
        var second = await WriteBlob();

        // The first pass starts a sweep; with one file looked at per pass it takes several passes to finish.
        var passes = new List<WorkPass>();
        do
        {
            passes.Add(await collector.RunPassAsync(None));
        }
        while (passes[^1].MoreWaiting);

        Assert.Equal(2, passes.Sum(p => p.Done));
        Assert.False(Exists(first));
        Assert.False(Exists(second));

        // A new orphan, old by the clock: not swept before the orphan grace has passed since the last sweep.
        var later = await WriteBlob();
        File.SetLastWriteTimeUtc(_blobs.PathOf(later), DateTime.UtcNow.AddHours(-3));
        Assert.Equal(0, (await collector.RunPassAsync(None)).Done);
        Assert.True(Exists(later));

        clock.Advance(TimeSpan.FromHours(1));
        do
        {
            passes.Add(await collector.RunPassAsync(None));
        }
        while (passes[^1].MoreWaiting);

        Assert.False(Exists(later));
    }

    private Task CreateBucket() =>
        _metadata.CreateBucketAsync(new BucketRecord("b", "owner", DateTimeOffset.UnixEpoch), None);

    private Task Put(string key, params string[] blobIds) =>
        _metadata.PutObjectAsync(new ObjectRecord
        {
            Bucket = "b",
            Key = key,
            Size = blobIds.Length,
            ETag = "d41d8cd98f00b204e9800998ecf8427e",
            LastModified = DateTimeOffset.UnixEpoch,
            Segments = blobIds.Select(id => new Segment(id, 0, 1)).ToList(),
        }, None);

    private async Task<string> WriteBlob()
    {
        await using var writer = _blobs.CreateWriter();
        await writer.WriteAsync(new byte[] { 42 }, None);
        await writer.CommitAsync(None);
        return writer.BlobId;
    }

    private bool Exists(string blobId) => File.Exists(_blobs.PathOf(blobId));

    private string TempFile(string name, TimeSpan writtenAgo)
    {
        var path = Path.Combine(_blobs.TempDirectory, name);
        File.WriteAllText(path, name);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - writtenAgo);
        return path;
    }
}
