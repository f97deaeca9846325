using Cairn.Server.Management;
using Prometheus;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Upload callbacks in <c>/metrics</c>: how many were attempted, succeeded and failed (by <see cref="CallbackFailure"/>),
/// and how long each took, all its URLs together.
/// </summary>
internal sealed class CallbackMetrics
{
    /// <summary>From 5 ms to about 10 s, doubling: the timeout is 5 s by default.</summary>
    private static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(0.005, 2, 12);

    private static readonly string[] ReasonLabel = ["reason"];

    private readonly Counter _attempted;
    private readonly Counter _succeeded;
    private readonly Counter _failed;
    private readonly Histogram _duration;

    public CallbackMetrics(ServerMetrics metrics)
    {
        var factory = metrics.Factory;
        _attempted = factory.CreateCounter("cairn_upload_callbacks_attempted_total", "Upload callbacks Cairn started calling an app server for.");
        _succeeded = factory.CreateCounter("cairn_upload_callbacks_succeeded_total", "Upload callbacks an app server answered with 200 and JSON.");
        _failed = factory.CreateCounter("cairn_upload_callbacks_failed_total",
            "Upload callbacks that failed (the client got 203 CallbackFailed), by reason: refused, connect, timeout, status, not_json, too_large.",
            ReasonLabel);
        _duration = factory.CreateHistogram("cairn_upload_callback_duration_seconds", "Time an upload callback took, every URL tried included.",
            new HistogramConfiguration { Buckets = DurationBuckets });
    }

    public void Attempted() => _attempted.Inc();

    public void Finished(CallbackOutcome outcome, TimeSpan duration)
    {
        _duration.Observe(duration.TotalSeconds);
        if (outcome.Failure is { } failure)
        {
            _failed.WithLabels(Label(failure)).Inc();
        }
        else
        {
            _succeeded.Inc();
        }
    }

    private static string Label(CallbackFailure failure) => failure switch
    {
        CallbackFailure.Refused => "refused",
        CallbackFailure.Connect => "connect",
        CallbackFailure.Timeout => "timeout",
        CallbackFailure.Status => "status",
        CallbackFailure.NotJson => "not_json",
        _ => "too_large",
    };
}
