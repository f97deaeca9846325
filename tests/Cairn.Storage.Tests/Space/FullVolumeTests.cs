using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Background;
using static Cairn.Storage.Tests.Space.FullVolumeFixture;

namespace Cairn.Storage.Tests.Space;

/// <summary>
/// The storage layer on a volume that runs full for real (a small tmpfs; needs root): writes fail with
/// InsufficientStorage and leave nothing behind, the store keeps working once space returns, and deletes, the
/// collector and opening the database get by on the reserve.
/// </summary>
public sealed class FullVolumeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task A_blob_write_that_runs_out_of_space_fails_with_InsufficientStorage_and_leaves_no_temp_file()
    {
        using var fixture = new FullVolumeFixture(4 * MiB);
        var blobs = fixture.OpenBlobs();

        var error = await Assert.ThrowsAsync<CairnException>(async () =>
        {
            await using var writer = blobs.CreateWriter();
            var chunk = new byte[256 * 1024];
            for (var i = 0; i < 32; i++)
            {
                await writer.WriteAsync(chunk, None);
            }

            await writer.CommitAsync(None);
        });

        Assert.Equal(ErrorCode.InsufficientStorage, error.Code);
        Assert.Contains("no space left on device", error.Message);
        Assert.Empty(Directory.EnumerateFiles(blobs.TempDirectory));
        Assert.Empty(blobs.EnumerateBlobs());
        Assert.True(fixture.Volume.FreeBytes > 3 * MiB, "the partial temp file's space did not come back");
    }

    [SkippableFact]
    public async Task A_commit_on_a_full_volume_fails_every_caller_of_the_batch_with_InsufficientStorage_and_the_store_writes_again_once_space_returns()
    {
        using var fixture = new FullVolumeFixture(8 * MiB);
        var store = fixture.OpenStore();
        await store.CreateBucketAsync(Bucket("b"), None);
        fixture.Volume.Fill();

        var puts = Enumerable.Range(0, 16).Select(i => store.PutObjectAsync(Inline("b", $"k{i}", 1000), None)).ToList();

        foreach (var put in puts)
        {
            var error = await Assert.ThrowsAsync<CairnException>(() => put);
            Assert.Equal(ErrorCode.InsufficientStorage, error.Code);
        }

        Assert.Empty((await store.ListObjectsAsync("b", "", null, null, 100, None)).Objects);
        fixture.Volume.RemoveFiller();
        await store.PutObjectAsync(Inline("b", "after", 1000), None);
        Assert.Equal(1000, (await store.GetObjectAsync("b", "after", None))!.InlineContent!.Length);
    }

    [SkippableFact]
    public async Task A_write_that_SQLite_rolls_back_in_the_middle_fails_with_InsufficientStorage_and_the_store_writes_again()
    {
        using var fixture = new FullVolumeFixture(16 * MiB);
        var store = fixture.OpenStore();
        await store.CreateBucketAsync(Bucket("b"), None);
        fixture.Volume.Fill();

        // Larger than SQLite's page cache: pages spill into the log while the statement runs, the spill fails,
        // and SQLite rolls back the whole transaction on its own, savepoints included.
        var error = await Assert.ThrowsAsync<CairnException>(() => store.PutObjectAsync(Inline("b", "big", 6 * MiB), None));

        Assert.Equal(ErrorCode.InsufficientStorage, error.Code);
        Assert.Null(await store.GetObjectAsync("b", "big", None));
        fixture.Volume.RemoveFiller();
        await store.PutObjectAsync(Inline("b", "small", 100), None);
        Assert.NotNull(await store.GetObjectAsync("b", "small", None));
    }

    [SkippableFact]
    public async Task Deletes_aborts_and_bucket_deletes_commit_on_a_full_volume_by_releasing_half_the_reserve()
    {
        using var fixture = new FullVolumeFixture(16 * MiB);
        var reserve = fixture.CreateReserve(4 * MiB);
        var store = fixture.OpenStore(reserve);
        await store.CreateBucketAsync(Bucket("b"), None);
        await store.CreateBucketAsync(Bucket("uploads-only"), None);
        await store.PutObjectAsync(Inline("b", "a", 1000), None);
        var upload = new UploadRecord { UploadId = "u1", Bucket = "b", Key = "k", InitiatedAt = DateTimeOffset.UnixEpoch };
        await store.CreateUploadAsync(upload, None);
        await store.CreateUploadAsync(upload with { UploadId = "u2", Bucket = "uploads-only" }, None);
        fixture.Volume.Fill();

        Assert.True(await store.DeleteObjectAsync("b", "a", None));
        Assert.True(await store.AbortUploadAsync("u1", None));
        await store.DeleteBucketAsync("uploads-only", None);

        Assert.Null(await store.GetObjectAsync("b", "a", None));
        Assert.Null(await store.GetUploadAsync("u1", None));
        Assert.Null(await store.GetBucketAsync("uploads-only", None));
        Assert.Equal(2 * MiB, reserve.MissingBytes);
    }

    [SkippableFact]
    public async Task The_store_opens_on_a_full_volume_by_releasing_the_reserve_and_serves_reads_and_deletes()
    {
        using var fixture = new FullVolumeFixture(16 * MiB);
        var reserve = fixture.CreateReserve(4 * MiB);
        var first = fixture.OpenStore(reserve);
        await first.CreateBucketAsync(Bucket("b"), None);
        await first.PutObjectAsync(Inline("b", "kept", 1000), None);
        await first.PutObjectAsync(Inline("b", "deleted", 1000), None);
        first.Dispose(); // a clean close removes the WAL and its index, which a restart must create again
        fixture.Volume.Fill();

        var reopened = fixture.OpenStore(reserve);

        Assert.Equal(1000, (await reopened.GetObjectAsync("b", "kept", None))!.Size);
        Assert.True(await reopened.DeleteObjectAsync("b", "deleted", None));
        Assert.Null(await reopened.GetObjectAsync("b", "deleted", None));
        Assert.True(reserve.MissingBytes > 0);
    }

    [SkippableFact]
    public async Task Opening_on_a_full_volume_without_a_reserve_fails_with_InsufficientStorage()
    {
        using var fixture = new FullVolumeFixture(8 * MiB);
        fixture.OpenStore().Dispose();
        fixture.Volume.Fill();

        var error = Assert.Throws<CairnException>(() => fixture.OpenStore());

        Assert.Equal(ErrorCode.InsufficientStorage, error.Code);
        Assert.Contains("opening the metadata database", error.Message);
    }

    [SkippableFact]
    public async Task The_collector_deletes_blob_files_on_a_full_volume_and_gives_their_space_back()
    {
        using var fixture = new FullVolumeFixture(16 * MiB);
        var reserve = fixture.CreateReserve(4 * MiB);
        var store = fixture.OpenStore(reserve);
        var blobs = fixture.OpenBlobs();
        var collector = new BlobGarbageCollector(store, blobs, store, TimeProvider.System);
        await store.CreateBucketAsync(Bucket("b"), None);
        string blobId;
        await using (var writer = blobs.CreateWriter())
        {
            await writer.WriteAsync(new byte[2 * MiB], None);
            await writer.CommitAsync(None);
            blobId = writer.BlobId;
        }

        await store.PutObjectAsync(Inline("b", "k", 0) with { Size = 2 * MiB, InlineContent = null, Segments = [new Segment(blobId, 0, 2 * MiB)] }, None);
        Assert.True(await store.DeleteObjectAsync("b", "k", None));
        fixture.Volume.Fill();

        var deleted = await collector.CollectAsync(TimeSpan.Zero, sweepOrphans: false, None);

        Assert.Equal(1, deleted);
        Assert.Empty(blobs.EnumerateBlobs());
        Assert.Empty(await store.GetGarbageAsync(TimeSpan.Zero, 10, None));
        Assert.True(fixture.Volume.FreeBytes >= 2 * MiB, "the blob's space did not come back");
    }
}
