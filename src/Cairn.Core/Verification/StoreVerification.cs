namespace Cairn.Core.Verification;

/// <summary>
/// What a verify of the store found (<see cref="StoreVerifier"/>): the faults, in both directions, and the blobs it
/// looked at that are not faults: young unreferenced files (possibly a write in flight) and queued garbage (already on
/// its way out).
/// </summary>
public sealed record StoreVerification
{
    /// <summary>Whether faults were repaired as they were found.</summary>
    public required bool Repair { get; init; }

    /// <summary>Blob files looked at.</summary>
    public required long BlobFiles { get; init; }

    /// <summary>Distinct blobs the metadata references, each checked for its file.</summary>
    public required long ReferencedBlobs { get; init; }

    /// <summary>Unreferenced blob files younger than the orphan grace: left alone, as a writer may be about to commit them.</summary>
    public required long YoungUnreferenced { get; init; }

    /// <summary>Unreferenced blob files in the garbage queue: the garbage collector deletes them, not a fault.</summary>
    public required long QueuedGarbage { get; init; }

    public required FaultList<OrphanBlob> Orphans { get; init; }

    public required FaultList<MissingBlob> Missing { get; init; }

    /// <summary>Faults still in the store after this verify.</summary>
    public long FaultsRemaining => Orphans.Remaining + Missing.Remaining;

    public bool IsClean => FaultsRemaining == 0;
}
