using Cairn.Core.Ports;

namespace Cairn.Storage.Gc;

/// <summary>
/// Deletes blobs no metadata references: first the garbage queue filled by transactions, then (in a full
/// sweep) blob files that were never referenced, e.g. written and renamed just before a crash. A grace
/// period protects blobs whose referencing transaction is still in flight and readers that just looked up
/// a manifest. Deletion is claimed in the store first (<see cref="IMetadataStore.DoomAsync"/>), so a copy that
/// commits concurrently either keeps the blob alive or fails cleanly, never references a deleted file.
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

            deleted += await DeleteDoomedAsync(batch, cancellationToken);
        }

        if (sweepOrphans)
        {
            var cutoff = time.GetUtcNow() - grace;
            var candidates = new List<string>();
            foreach (var (blobId, writtenAt) in blobs.EnumerateBlobs())
            {
                if (writtenAt <= cutoff && !await metadata.IsBlobReferencedAsync(blobId, cancellationToken))
                {
                    candidates.Add(blobId);
                }
            }

            for (var i = 0; i < candidates.Count; i += 1000)
            {
                deleted += await DeleteDoomedAsync(candidates.GetRange(i, Math.Min(1000, candidates.Count - i)), cancellationToken);
            }

            blobs.CleanTemporary(cutoff);
        }

        return deleted;
    }

    /// <summary>
    /// Claims the candidates in the store (only unreferenced ones are doomed, and a doomed blob can no longer
    /// be referenced by a copy), deletes their files, then forgets them.
    /// </summary>
    private async Task<int> DeleteDoomedAsync(IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        var doomed = await metadata.DoomAsync(candidates, cancellationToken);
        foreach (var blobId in doomed)
        {
            blobs.Delete(blobId);
        }

        await metadata.RemoveGarbageAsync(doomed, cancellationToken);
        return doomed.Count;
    }
}
