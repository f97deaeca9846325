using Cairn.Core.Lifecycle;
using Prometheus;

namespace Cairn.Server.Management;

/// <summary>
/// The lifecycle sweeper in <c>/metrics</c>: what the current (or last) sweep found due, what it aborted and expired,
/// how long the last sweep took and how many sweeps this node finished. A sweep resumed after a restart keeps its
/// count of due items (it is stored with the sweep's cursor); the counters start from zero with the process.
/// </summary>
internal sealed class LifecycleMetrics : ILifecycleSweepObserver
{
    private static readonly string[] ActionLabel = ["action"];

    private readonly Gauge _due;
    private readonly Counter _done;
    private readonly Gauge _lastDuration;
    private readonly Counter _sweeps;

    public LifecycleMetrics(ServerMetrics metrics)
    {
        var factory = metrics.Factory;
        _due = factory.CreateGauge("cairn_lifecycle_due", "Uploads and objects the current (or last) lifecycle sweep found due so far.");
        _done = factory.CreateCounter("cairn_lifecycle_done_total",
            "Uploads aborted and objects expired by lifecycle rules on this node, by action: aborted, expired.", ActionLabel);
        _lastDuration = factory.CreateGauge("cairn_lifecycle_last_sweep_duration_seconds", "How long the last finished lifecycle sweep took.");
        _sweeps = factory.CreateCounter("cairn_lifecycle_sweeps_total", "Lifecycle sweeps this node took to their end.");
    }

    public void Found(long due) => _due.Set(due);

    public void Acted(LifecycleAction action, int count) =>
        _done.WithLabels(action == LifecycleAction.Expired ? "expired" : "aborted").Inc(count);

    public void Finished(TimeSpan duration)
    {
        _lastDuration.Set(duration.TotalSeconds);
        _sweeps.Inc();
    }
}
