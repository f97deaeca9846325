namespace Cairn.Client.Progress;

/// <summary>
/// A snapshot of one transfer, reported through <see cref="IProgress{T}"/>. Totals are null for streams of
/// unknown length. Bytes that a resumed transfer found already on the server (or on disk) count as done, but not
/// towards <see cref="BytesPerSecond"/>, so the rate and ETA describe what this run actually moves.
/// </summary>
public sealed record TransferProgress
{
    /// <summary>
    /// Bytes of finished parts only: acknowledged by the server (uploads) or written in full (downloads), plus
    /// parts a resumed transfer found complete. A pause or crash never loses them.
    /// </summary>
    public required long BytesDone { get; init; }

    /// <summary>
    /// Bytes of parts still in progress, already sent (or received) but not yet done: they become done when
    /// their part completes, or are taken back if the attempt fails.
    /// </summary>
    public long BytesInFlight { get; init; }

    public long? TotalBytes { get; init; }

    public required int PartsDone { get; init; }

    public int? TotalParts { get; init; }

    /// <summary>Parts (or ranges) that a resumed run did not have to transfer again.</summary>
    public int PartsSkipped { get; init; }

    /// <summary>Recent throughput, averaged over the last few seconds.</summary>
    public double BytesPerSecond { get; init; }

    /// <summary>Estimated time left, when the total is known and something is moving.</summary>
    public TimeSpan? EstimatedRemaining { get; init; }

    public TimeSpan Elapsed { get; init; }
}
