using Cairn.Client.Progress;
using Cairn.Client.Retry;
using Cairn.Client.Upload;

namespace Cairn.Client;

/// <summary>
/// Knobs for one upload or download. Defaults suit a LAN server: 8 MiB parts, 4 in flight, which keeps memory
/// for a non-seekable stream near 5 × 8 MiB and saturates a gigabit link; tests shrink retry delays.
/// </summary>
public sealed record TransferOptions
{
    /// <summary>Preferred part (or download range) size; raised when needed to stay within the part-count limit.</summary>
    public long? PartSize { get; init; }

    /// <summary>Parts (or ranges) in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>The server's multipart rules (Cairn's defaults unless configured otherwise).</summary>
    public PartLimits Limits { get; init; } = PartLimits.Cairn;

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>
    /// Where this transfer keeps its resume state; null disables resuming. Use
    /// <see cref="Checkpoints.CheckpointFile.PathFor"/> to get one file per (source, destination) pair.
    /// </summary>
    public string? CheckpointPath { get; init; }

    public IProgress<TransferProgress>? Progress { get; init; }

    /// <summary>Called before each retry, e.g. to log a flaky link.</summary>
    public Action<RetryEvent>? OnRetry { get; init; }

    /// <summary>Content-Type given to uploaded objects.</summary>
    public string? ContentType { get; init; }

    internal int EffectiveConcurrency => Math.Clamp(Concurrency, 1, 64);
}
