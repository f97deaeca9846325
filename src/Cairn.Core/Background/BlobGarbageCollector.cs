using Cairn.Core.Ports;

namespace Cairn.Core.Background;

/// <summary>
/// Deletes blobs no metadata references: first the garbage queue filled by transactions, then (in a sweep) blob
/// files that were never referenced, e.g. written and renamed just before a crash, and stale temp files. Grace
/// periods protect blobs whose referencing transaction is still in flight and readers that just looked up a
/// manifest. Deletion is claimed in the store first (<see cref="IGarbageStore.DoomAsync"/>), so a copy that
/// commits concurrently either keeps the blob alive or fails cleanly, never references a deleted file, and
/// collectors on several nodes never both delete what one of them should not. Every node works the queue; the
/// sweep, which reads the whole blob directory, runs on one node at a time: the one holding the sweep lease
/// (<see cref="ILeaseStore"/>). It keeps the lease until its next sweep is due, so the nodes sweep once per orphan
/// grace between them, and another node takes over once the lease lapses (the holder stopped).
/// </summary>
public sealed class BlobGarbageCollector(
    IGarbageStore garbage, IBlobStore blobs, ILeaseStore leases, TimeProvider time, GarbageCollectionSettings? settings = null)
    : IBackgroundWork, IDisposable
{
    /// <summary>The lease a node holds while it sweeps, and until its next sweep is due.</summary>
    public const string SweepLeaseName = "blob-orphan-sweep";

    private readonly GarbageCollectionSettings _settings = settings ?? new GarbageCollectionSettings();
    private readonly BlobReclaimer _reclaimer = new(garbage, blobs);

    /// <summary>The sweep in progress across passes, with the cutoff it started with.</summary>
    private (IEnumerator<(string BlobId, DateTimeOffset WrittenAt)> Files, DateTimeOffset Cutoff)? _sweep;

    private DateTimeOffset? _lastSweepStart;

    public string Name => "blob garbage collection";

    public TimeSpan Interval => _settings.Interval;

    /// <summary>
    /// One bounded pass: one batch of the queue (queued at least the reader grace ago), and, once a sweep is due
    /// (at the first pass, then every orphan grace) and this node holds the sweep lease, the next slice of the sweep.
    /// A node that cannot take the lease skips that sweep; a sweep whose lease another node took meanwhile stops.
    /// </summary>
    public async Task<WorkPass> RunPassAsync(CancellationToken cancellationToken)
    {
        var (deleted, more) = await CollectQueueBatchAsync(_settings.ReaderGrace, cancellationToken);
        var now = time.GetUtcNow();
        if (_sweep is null && (_lastSweepStart is null || now - _lastSweepStart >= _settings.OrphanGrace))
        {
            _lastSweepStart = now;
            if (await TakeSweepLeaseAsync(_settings.SweepLease, cancellationToken))
            {
                var cutoff = now - _settings.OrphanGrace;
                blobs.CleanTemporary(cutoff);
                _sweep = (blobs.EnumerateBlobs().GetEnumerator(), cutoff);
            }
        }
        else if (_sweep is not null && !await TakeSweepLeaseAsync(_settings.SweepLease, cancellationToken))
        {
            EndSweep();
        }

        if (_sweep is { } sweep)
        {
            var (swept, finished) = await SweepSliceAsync(sweep.Files, sweep.Cutoff, cancellationToken);
            deleted += swept;
            if (finished)
            {
                EndSweep();
                await KeepSweepLeaseUntilDueAsync(cancellationToken);
            }

            more |= !finished;
        }

        return new WorkPass(deleted, more);
    }

    /// <summary>
    /// Collects everything now, unbounded: the whole queue (entries queued at least <paramref name="grace"/> ago)
    /// and, with <paramref name="sweepOrphans"/>, every unreferenced blob file and temp file older than the grace
    /// (only if this node can take the sweep lease, which it then holds for the sweep lease duration).
    /// Returns how many blob files were deleted.
    /// </summary>
    public async Task<int> CollectAsync(TimeSpan grace, bool sweepOrphans, CancellationToken cancellationToken)
    {
        var deleted = 0;
        for (var more = true; more;)
        {
            (var done, more) = await CollectQueueBatchAsync(grace, cancellationToken);
            deleted += done;
        }

        if (sweepOrphans && await TakeSweepLeaseAsync(_settings.SweepLease, cancellationToken))
        {
            var cutoff = time.GetUtcNow() - grace;
            using var files = blobs.EnumerateBlobs().GetEnumerator();
            for (var finished = false; !finished;)
            {
                (var done, finished) = await SweepSliceAsync(files, cutoff, cancellationToken);
                deleted += done;
            }

            blobs.CleanTemporary(cutoff);
        }

        return deleted;
    }

    public void Dispose() => EndSweep();

    /// <summary>Takes or renews the sweep lease for <paramref name="duration"/>; false while another node holds it.</summary>
    private Task<bool> TakeSweepLeaseAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        leases.TryAcquireAsync(SweepLeaseName, _settings.Node.Value, duration, cancellationToken);

    /// <summary>
    /// After a finished sweep, holds the lease until this node's next sweep is due, so that no other node sweeps
    /// again meanwhile; a sweep that took longer than that gives the lease up instead.
    /// </summary>
    private async Task KeepSweepLeaseUntilDueAsync(CancellationToken cancellationToken)
    {
        var untilDue = _lastSweepStart + _settings.OrphanGrace - time.GetUtcNow();
        if (untilDue > TimeSpan.Zero)
        {
            await TakeSweepLeaseAsync(untilDue.Value, cancellationToken);
        }
        else
        {
            await leases.ReleaseAsync(SweepLeaseName, _settings.Node.Value, cancellationToken);
        }
    }

    private void EndSweep()
    {
        _sweep?.Files.Dispose();
        _sweep = null;
    }

    /// <summary>Claims and deletes one batch of queued garbage; reports whether the batch was full (more may wait).</summary>
    private async Task<(int Deleted, bool More)> CollectQueueBatchAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var batch = await garbage.GetGarbageAsync(grace, _settings.QueueBatch, cancellationToken);
        return batch.Count == 0 ? (0, false) : (await DeleteDoomedAsync(batch, cancellationToken), batch.Count == _settings.QueueBatch);
    }

    /// <summary>
    /// Looks at the next files of a sweep (at most the sweep batch) and deletes the unreferenced ones written at or
    /// before <paramref name="cutoff"/>; reports whether the sweep reached its end.
    /// </summary>
    private async Task<(int Deleted, bool Finished)> SweepSliceAsync(
        IEnumerator<(string BlobId, DateTimeOffset WrittenAt)> files, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        var finished = false;
        for (var looked = 0; looked < _settings.SweepBatch; looked++)
        {
            if (!files.MoveNext())
            {
                finished = true;
                break;
            }

            var (blobId, writtenAt) = files.Current;
            if (writtenAt <= cutoff && !await garbage.IsBlobReferencedAsync(blobId, cancellationToken))
            {
                candidates.Add(blobId);
            }
        }

        var deleted = 0;
        foreach (var chunk in candidates.Chunk(_settings.QueueBatch))
        {
            deleted += await DeleteDoomedAsync(chunk, cancellationToken);
        }

        return (deleted, finished);
    }

    /// <summary>Claims and deletes the candidates that nothing references.</summary>
    private async Task<int> DeleteDoomedAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken) =>
        (await _reclaimer.ReclaimAsync(candidates, cancellationToken)).Count;
}
