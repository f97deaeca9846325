using Cairn.Core.Ports;

namespace Cairn.Storage.Gc;

/// <summary>
/// Deletes blobs no metadata references: first the garbage queue filled by transactions, then (in a full
/// sweep) blob files that were never referenced, e.g. written and renamed just before a crash. A grace
/// period protects blobs whose referencing transaction is still in flight and readers that just looked up
/// a manifest.
/// </summary>
public sealed class BlobGarbageCollector(IMetadataStore metadata, IBlobStore blobs, TimeProvider time)
{
    /// <summary>Runs one pass; returns how many blob files were deleted.</summary>
    public async Task<int> CollectAsync(TimeSpan grace, bool sweepOrphans, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            var batch = await metadata.GetGarbageAsync(grace, 1000, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var done = new List<string>(batch.Count);
            foreach (var blobId in batch)
            {
                // A copy may have re-referenced the blob after it was queued.
                if (!await metadata.IsBlobReferencedAsync(blobId, cancellationToken))
                {
                    blobs.Delete(blobId);
                    deleted++;
                }

                done.Add(blobId);
            }

            await metadata.RemoveGarbageAsync(done, cancellationToken);
        }

        if (sweepOrphans)
        {
            var cutoff = time.GetUtcNow() - grace;
            foreach (var (blobId, writtenAt) in blobs.EnumerateBlobs().ToList())
            {
                if (writtenAt <= cutoff && !await metadata.IsBlobReferencedAsync(blobId, cancellationToken))
                {
                    blobs.Delete(blobId);
                    deleted++;
                }
            }

            blobs.CleanTemporary(grace);
        }

        return deleted;
    }
}
