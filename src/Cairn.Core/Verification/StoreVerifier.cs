using Cairn.Core.Background;
using Cairn.Core.Ports;

namespace Cairn.Core.Verification;

/// <summary>
/// Compares the blob directory with the metadata, both ways, and optionally repairs what does not match
/// (docs/lifecycle.md "Verifying the store"). Blob files no row references, that are not queued as garbage and are
/// older than the orphan grace (<see cref="GarbageCollectionSettings.OrphanGrace"/>, the rule the garbage collector's
/// sweep follows) are orphans, deleted through the garbage path's claim (<see cref="BlobReclaimer"/>); younger ones
/// may be a write about to commit and are only counted. Rows whose blob file is gone are faults too: the object is
/// removed (only if it is still the version that points at the missing file) or the upload aborted. Both walks stream
/// in bounded pages: memory stays flat however large the store, and the report itemises at most
/// <see cref="ListedFaults"/> faults of each kind.
/// </summary>
public sealed class StoreVerifier(
    IBlobStore blobs, IGarbageStore garbage, IStoreAudit audit, IObjectStore objects, IUploadStore uploads, ILifecycleStore lifecycle,
    TimeProvider time, GarbageCollectionSettings? settings = null)
{
    /// <summary>Faults of each kind itemised in a report at most.</summary>
    public const int ListedFaults = 1000;

    /// <summary>Referenced blob ids read per page, and orphans claimed per batch.</summary>
    private const int Batch = 1000;

    private readonly GarbageCollectionSettings _settings = settings ?? new GarbageCollectionSettings();
    private readonly BlobReclaimer _reclaimer = new(garbage, blobs);

    public async Task<StoreVerification> VerifyAsync(bool repair, CancellationToken cancellationToken)
    {
        var orphans = new FaultList<OrphanBlob>(ListedFaults);
        var files = await WalkBlobFilesAsync(time.GetUtcNow() - _settings.OrphanGrace, repair, orphans, cancellationToken);
        var missing = new FaultList<MissingBlob>(ListedFaults);
        var referenced = await WalkReferencedBlobsAsync(repair, missing, cancellationToken);
        return new StoreVerification
        {
            Repair = repair,
            BlobFiles = files.Seen,
            ReferencedBlobs = referenced,
            YoungUnreferenced = files.Young,
            QueuedGarbage = files.Queued,
            Orphans = orphans,
            Missing = missing,
        };
    }

    /// <summary>Every blob file: referenced ones are fine; the others are young, queued, or orphans (repaired in batches).</summary>
    private async Task<(long Seen, long Young, long Queued)> WalkBlobFilesAsync(
        DateTimeOffset cutoff, bool repair, FaultList<OrphanBlob> orphans, CancellationToken cancellationToken)
    {
        long seen = 0, young = 0, queued = 0;
        var pending = new List<(string BlobId, DateTimeOffset WrittenAt)>(Batch);
        foreach (var (blobId, writtenAt) in blobs.EnumerateBlobs())
        {
            cancellationToken.ThrowIfCancellationRequested();
            seen++;
            if (await garbage.IsBlobReferencedAsync(blobId, cancellationToken))
            {
                continue;
            }

            if (writtenAt > cutoff)
            {
                young++;
            }
            else if (await audit.IsQueuedAsync(blobId, cancellationToken))
            {
                queued++;
            }
            else
            {
                pending.Add((blobId, writtenAt));
                if (pending.Count == Batch)
                {
                    await SettleOrphansAsync(pending, repair, orphans, cancellationToken);
                }
            }
        }

        await SettleOrphansAsync(pending, repair, orphans, cancellationToken);
        return (seen, young, queued);
    }

    /// <summary>
    /// Records a batch of orphans, deleting them first when repairing; one that the claim spares was referenced
    /// meanwhile (a copy took it) and is no orphan after all.
    /// </summary>
    private async Task SettleOrphansAsync(
        List<(string BlobId, DateTimeOffset WrittenAt)> pending, bool repair, FaultList<OrphanBlob> orphans, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var deleted = repair
            ? (await _reclaimer.ReclaimAsync(pending.ConvertAll(orphan => orphan.BlobId), cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : null;
        foreach (var (blobId, writtenAt) in pending)
        {
            if (deleted is null)
            {
                orphans.Add(new OrphanBlob(blobId, writtenAt, Deleted: false), repaired: false);
            }
            else if (deleted.Contains(blobId))
            {
                orphans.Add(new OrphanBlob(blobId, writtenAt, Deleted: true), repaired: true);
            }
        }

        pending.Clear();
    }

    /// <summary>
    /// Every referenced blob, page by page: one whose file is gone is looked up for its rows only after the file was
    /// found missing, so a row deleted meanwhile (whose blob the collector then took) is not reported.
    /// </summary>
    private async Task<long> WalkReferencedBlobsAsync(bool repair, FaultList<MissingBlob> missing, CancellationToken cancellationToken)
    {
        long checkedBlobs = 0;
        string? after = null;
        while (true)
        {
            var page = await audit.ListReferencedBlobsAsync(after, Batch, cancellationToken);
            foreach (var blobId in page)
            {
                checkedBlobs++;
                if (blobs.Exists(blobId))
                {
                    continue;
                }

                foreach (var row in await audit.FindBlobReferencesAsync(blobId, cancellationToken))
                {
                    var repaired = repair && await RemoveRowAsync(row, cancellationToken);
                    missing.Add(new MissingBlob(row, repaired), repaired);
                }
            }

            if (page.Count < Batch)
            {
                return checkedBlobs;
            }

            after = page[^1];
        }
    }

    /// <summary>
    /// Removes the object or aborts the upload whose data is missing; true once no row points at the missing blob
    /// any more. An object written again meanwhile (it no longer uses the blob) is left alone.
    /// </summary>
    private async Task<bool> RemoveRowAsync(BlobReference row, CancellationToken cancellationToken)
    {
        if (row.UploadId is { } uploadId)
        {
            var upload = await uploads.GetUploadWithPartsAsync(uploadId, cancellationToken);
            if (upload is not null && upload.Parts.Any(part => part.BlobId == row.BlobId))
            {
                await uploads.AbortUploadAsync(uploadId, cancellationToken);
            }

            return true;
        }

        var current = await objects.GetObjectAsync(row.Bucket, row.Key, cancellationToken);
        if (current is null || !current.Segments.Any(segment => segment.BlobId == row.BlobId))
        {
            return true;
        }

        return await lifecycle.ExpireObjectAsync(row.Bucket, row.Key, current.ETag, current.LastModified, cancellationToken);
    }
}
