using Cairn.Core.Names;

namespace Cairn.Core.Lifecycle;

/// <summary>How the lifecycle sweeper paces itself (Cairn:Lifecycle:*; docs/lifecycle.md).</summary>
public sealed record LifecycleSettings
{
    /// <summary>
    /// The length of a lifecycle "day" (Cairn:Lifecycle:DayLength): one day, or shorter for tests and demos, where a
    /// rule of 1 day then acts after seconds.
    /// </summary>
    public TimeSpan DayLength { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How often a sweep starts (Cairn:Lifecycle:Interval).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Objects or uploads one pass looks at, at most; a larger bucket is swept over several passes.</summary>
    public int Batch { get; init; } = 1000;

    /// <summary>
    /// The node this sweeper runs on: the holder of the sweep lease, so that a restarted node takes back its own lease
    /// at once and goes on with the sweep it was doing. The server sets its Cairn:NodeId.
    /// </summary>
    public NodeId Node { get; init; } = NodeId.FromHostName(Environment.MachineName);

    /// <summary>
    /// How long the sweep lease lasts unless renewed: every pass renews it, and a node that dies mid-sweep holds up
    /// the other nodes for at most this long before one of them goes on from the stored cursor.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The calendar for <see cref="DayLength"/>.</summary>
    public LifecycleCalendar Calendar => DayLength == TimeSpan.FromDays(1) ? LifecycleCalendar.Standard : new LifecycleCalendar(DayLength);
}
