namespace Cairn.Core.Ports;

/// <summary>
/// The garbage queue of unreferenced blobs and the collector's claims on it. Several collectors (one per node)
/// may work the same queue at once: the claim (<see cref="DoomAsync"/>) is one write transaction, so each blob is
/// doomed once and a doomed blob is never referenced again.
/// </summary>
public interface IGarbageStore
{
    /// <summary>Garbage blobs queued at least <paramref name="minAge"/> ago, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<string>> GetGarbageAsync(TimeSpan minAge, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The garbage collector's claim, in one write transaction: every candidate that nothing references is
    /// marked doomed (and returned: its file may now be deleted); a referenced one is dropped from the queue.
    /// A doomed blob can never be referenced again: a write that would reference one (a copy whose source
    /// was deleted meanwhile) fails with NoSuchKey instead of pointing at a file about to vanish.
    /// </summary>
    Task<IReadOnlyList<string>> DoomAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken);

    /// <summary>Forgets garbage entries whose blobs were deleted.</summary>
    Task RemoveGarbageAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken);

    /// <summary>Whether any object segment or upload part references the blob.</summary>
    Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken);
}
