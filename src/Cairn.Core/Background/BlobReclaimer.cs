using Cairn.Core.Ports;

namespace Cairn.Core.Background;

/// <summary>
/// The one way a blob file is deleted: claimed in the store first (<see cref="IGarbageStore.DoomAsync"/> dooms only
/// unreferenced candidates, and a doomed blob can no longer be referenced by a copy), then its file deleted, then its
/// queue entry forgotten. The garbage collector and the store verifier's repair both delete through it, so neither can
/// delete a file a row still points at.
/// </summary>
public sealed class BlobReclaimer(IGarbageStore garbage, IBlobStore blobs)
{
    /// <summary>Deletes the candidates nothing references; returns those deleted (the others are referenced after all).</summary>
    public async Task<IReadOnlyList<string>> ReclaimAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken)
    {
        var doomed = await garbage.DoomAsync(candidates, cancellationToken);
        foreach (var blobId in doomed)
        {
            blobs.Delete(blobId);
        }

        await garbage.RemoveGarbageAsync(doomed, cancellationToken);
        return doomed;
    }
}
