using Cairn.Core.Background;
using Cairn.Core.Model;
using Cairn.Core.Tests.Support;
using Cairn.Core.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Verification;

/// <summary>
/// What <c>cairn admin verify</c> finds and repairs, on the real blob files and SQLite rows: orphan blobs older than
/// the grace, objects and upload parts whose blob file is gone; and what it must leave alone: young unreferenced
/// files (a write in flight) and queued garbage.
/// </summary>
public sealed class StoreVerifierTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    private readonly CoreTestStore _store = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly StoreVerifier _verifier;

    public StoreVerifierTests()
    {
        var metadata = _store.Metadata;
        _verifier = new StoreVerifier(_store.Blobs, metadata, metadata, metadata, metadata, metadata, _clock,
            new GarbageCollectionSettings { OrphanGrace = Grace });
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_store_whose_files_and_rows_match_is_clean()
    {
        var bucket = await _store.CreateBucketAsync();
        await _store.PutAsync(bucket, "object", BlobBody());
        await CreateUploadWithPartAsync(bucket, "upload", await WriteBlobAsync());
        AgeAllBlobs();

        var report = await _verifier.VerifyAsync(repair: false, None);

        Assert.True(report.IsClean);
        Assert.Equal(2, report.BlobFiles);
        Assert.Equal(2, report.ReferencedBlobs);
        Assert.Equal(0, report.Orphans.Found);
        Assert.Equal(0, report.Missing.Found);
    }

    [Fact]
    public async Task An_old_unreferenced_blob_is_an_orphan_and_repair_deletes_it()
    {
        var orphan = await WriteBlobAsync();
        Age(orphan, Grace + TimeSpan.FromMinutes(1));

        var found = await _verifier.VerifyAsync(repair: false, None);
        Assert.Contains(orphan, _store.BlobIds());
        var repaired = await _verifier.VerifyAsync(repair: true, None);
        var after = await _verifier.VerifyAsync(repair: false, None);

        Assert.Equal((orphan, false), (Assert.Single(found.Orphans.Listed).BlobId, found.Orphans.Listed[0].Deleted));
        Assert.False(found.IsClean);
        Assert.True(Assert.Single(repaired.Orphans.Listed).Deleted);
        Assert.True(repaired.IsClean);
        Assert.DoesNotContain(orphan, _store.BlobIds());
        Assert.Empty(await _store.GarbageAsync());
        Assert.True(after.IsClean);
        Assert.Equal(0, after.BlobFiles);
    }

    [Fact]
    public async Task A_young_unreferenced_blob_is_counted_and_never_deleted()
    {
        var young = await WriteBlobAsync();
        Age(young, Grace - TimeSpan.FromMinutes(1));

        var report = await _verifier.VerifyAsync(repair: true, None);

        Assert.True(report.IsClean);
        Assert.Equal(1, report.YoungUnreferenced);
        Assert.Equal(0, report.Orphans.Found);
        Assert.Contains(young, _store.BlobIds());
    }

    [Fact]
    public async Task Queued_garbage_is_not_a_fault_and_is_left_to_the_collector()
    {
        var bucket = await _store.CreateBucketAsync();
        var record = await _store.PutAsync(bucket, "deleted", BlobBody());
        await _store.Metadata.DeleteObjectAsync(bucket, "deleted", None);
        AgeAllBlobs();

        var report = await _verifier.VerifyAsync(repair: true, None);

        Assert.True(report.IsClean);
        Assert.Equal(1, report.QueuedGarbage);
        Assert.Contains(record.Segments[0].BlobId, _store.BlobIds());
    }

    [Fact]
    public async Task An_object_whose_blob_file_is_gone_is_reported_and_repair_removes_it()
    {
        var bucket = await _store.CreateBucketAsync();
        var broken = await _store.PutAsync(bucket, "broken", BlobBody());
        await _store.PutAsync(bucket, "healthy", BlobBody());
        var blobId = broken.Segments[0].BlobId;
        _store.Blobs.Delete(blobId);
        AgeAllBlobs();

        var found = await _verifier.VerifyAsync(repair: false, None);
        var repaired = await _verifier.VerifyAsync(repair: true, None);
        var after = await _verifier.VerifyAsync(repair: false, None);

        var missing = Assert.Single(found.Missing.Listed);
        Assert.Equal((blobId, bucket, "broken", (string?)null, false), (missing.Row.BlobId, missing.Row.Bucket, missing.Row.Key, missing.Row.UploadId, missing.Repaired));
        Assert.False(found.IsClean);
        Assert.True(Assert.Single(repaired.Missing.Listed).Repaired);
        Assert.True(repaired.IsClean);
        Assert.Equal(["healthy"], await _store.ListKeysAsync(bucket));
        Assert.True(after.IsClean);
    }

    [Fact]
    public async Task An_upload_whose_part_file_is_gone_is_reported_and_repair_aborts_it()
    {
        var bucket = await _store.CreateBucketAsync();
        var partBlob = await WriteBlobAsync();
        var uploadId = await CreateUploadWithPartAsync(bucket, "big", partBlob);
        _store.Blobs.Delete(partBlob);

        var found = await _verifier.VerifyAsync(repair: false, None);
        var repaired = await _verifier.VerifyAsync(repair: true, None);

        var missing = Assert.Single(found.Missing.Listed).Row;
        Assert.Equal((uploadId, 1, "big"), (missing.UploadId, missing.PartNumber, missing.Key));
        Assert.True(repaired.IsClean);
        Assert.Null(await _store.Metadata.GetUploadAsync(uploadId, None));
        Assert.True((await _verifier.VerifyAsync(repair: false, None)).IsClean);
    }

    /// <summary>A body larger than the inline limit, so the object's content is a blob file.</summary>
    private byte[] BlobBody() => new byte[_store.Limits.InlineObjectMaxSize + 1];

    private async Task<string> WriteBlobAsync()
    {
        await using var writer = _store.Blobs.CreateWriter();
        await writer.WriteAsync(new byte[] { 42 }, None);
        await writer.CommitAsync(None);
        return writer.BlobId;
    }

    private async Task<string> CreateUploadWithPartAsync(string bucket, string key, string blobId)
    {
        var uploadId = Guid.NewGuid().ToString("N");
        await _store.Metadata.CreateUploadAsync(new UploadRecord { UploadId = uploadId, Bucket = bucket, Key = key, InitiatedAt = _clock.GetUtcNow() }, None);
        await _store.Metadata.PutPartAsync(new PartRecord
        {
            UploadId = uploadId, PartNumber = 1, BlobId = blobId, Size = 1, ETag = "0123456789abcdef0123456789abcdef", LastModified = _clock.GetUtcNow(),
        }, None);
        return uploadId;
    }

    /// <summary>Makes every blob file older than the grace, as a store's files are after a while.</summary>
    private void AgeAllBlobs()
    {
        foreach (var blobId in _store.BlobIds())
        {
            Age(blobId, Grace + TimeSpan.FromMinutes(1));
        }
    }

    private void Age(string blobId, TimeSpan age)
    {
        var blobs = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(_store.Blobs.TempDirectory))!, "blobs");
        File.SetLastWriteTimeUtc(Path.Combine(blobs, blobId[..2], blobId[2..4], blobId), (_clock.GetUtcNow() - age).UtcDateTime);
    }
}
