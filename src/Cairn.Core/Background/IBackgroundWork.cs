namespace Cairn.Core.Background;

/// <summary>
/// Work the server does on its own, outside any request: garbage collection now, lifecycle rules next. One hosted
/// driver runs every registered work on the injected clock: a pass every <see cref="Interval"/>, and the next pass
/// at once while a pass reports more waiting. Each pass is bounded, so no pass holds the store for long, and safe
/// to run on several nodes at once: whatever two nodes could both claim is claimed in one store transaction.
/// </summary>
public interface IBackgroundWork
{
    /// <summary>A short name for logs.</summary>
    string Name { get; }

    /// <summary>How long to wait between passes when nothing is waiting.</summary>
    TimeSpan Interval { get; }

    /// <summary>Does a bounded amount of the work.</summary>
    Task<WorkPass> RunPassAsync(CancellationToken cancellationToken);
}
