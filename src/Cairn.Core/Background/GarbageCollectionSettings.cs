using Cairn.Core.Names;

namespace Cairn.Core.Background;

/// <summary>How the blob garbage collector paces itself and how long it spares blobs and temp files.</summary>
public sealed record GarbageCollectionSettings
{
    /// <summary>Between passes when nothing is waiting.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a queued blob stays, so a reader that just looked up a manifest can still open it.</summary>
    public TimeSpan ReaderGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old an unreferenced blob file or temp file must be before a sweep removes it: younger ones may belong
    /// to a writer (on this node or another sharing the blob directory) that has not committed yet. Also the
    /// time between two sweeps.
    /// </summary>
    public TimeSpan OrphanGrace { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The node this collector runs on: the holder of the sweep lease, so that a restarted node takes back its own
    /// lease at once. The server sets its Cairn:NodeId.
    /// </summary>
    public NodeId Node { get; init; } = NodeId.FromHostName(Environment.MachineName);

    /// <summary>
    /// How long the sweep lease lasts unless renewed: a sweep renews it at every slice, and a node that dies
    /// mid-sweep holds up the other nodes' sweeps for at most this long.
    /// </summary>
    public TimeSpan SweepLease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Queued blobs claimed and deleted per pass at most.</summary>
    public int QueueBatch { get; init; } = 1000;

    /// <summary>Blob files a sweep looks at per pass at most; a larger store is swept over several passes.</summary>
    public int SweepBatch { get; init; } = 10_000;
}
