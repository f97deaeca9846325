using Cairn.Storage.Sqlite;
using Prometheus;

namespace Cairn.Server.Management;

/// <summary>
/// The metrics one server exports on <c>/metrics</c>: a registry of its own (two servers in one process, as in
/// tests, never mix their counts), the request metrics the observer records, the process metrics prometheus-net
/// provides, and the storage layer's <see cref="System.Diagnostics.Metrics"/> instruments bridged in. Labels are
/// operation and status only: bucket and key would make a series per user value.
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    /// <summary>Request durations from 1 ms to about a minute (a large upload), doubling.</summary>
    private static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(0.001, 2, 17);

    /// <summary>Batch sizes 1, 2, 4 ... 128, the writer's largest batch.</summary>
    private static readonly double[] BatchSizeBuckets = Histogram.ExponentialBuckets(1, 2, 8);

    private static readonly string[] OperationAndStatus = ["operation", "status"];
    private static readonly string[] OperationOnly = ["operation"];

    private readonly IDisposable _storageMeters;
    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Counter _bytesReceived;
    private readonly Counter _bytesSent;

    public ServerMetrics()
    {
        DotNetStats.Register(Registry);
        Factory = Metrics.WithCustomRegistry(Registry);
        _requests = Factory.CreateCounter("cairn_requests_total", "S3 requests answered, by operation and HTTP status (or 'aborted').", OperationAndStatus);
        _duration = Factory.CreateHistogram("cairn_request_duration_seconds", "Time from the request's arrival to the end of its answer, by operation.",
            new HistogramConfiguration { LabelNames = OperationOnly, Buckets = DurationBuckets });
        _bytesReceived = Factory.CreateCounter("cairn_bytes_received_total", "Request body bytes read from S3 clients.");
        _bytesSent = Factory.CreateCounter("cairn_bytes_sent_total", "Response body bytes written to S3 clients.");
        _storageMeters = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            // Both: the adapter creates its metrics through the factory, which defaults to the global registry's.
            Registry = Registry,
            MetricFactory = Factory,
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == StorageMetrics.MeterName,
            ResolveHistogramBuckets = _ => BatchSizeBuckets,
            // The adapter drops a series not updated for this long; the longest it allows, so that only a store
            // without a single write for a day loses its histogram (it comes back, from zero, with the next write).
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>Creates further metrics in <see cref="Registry"/>.</summary>
    public IMetricFactory Factory { get; }

    /// <summary>Counts one answered (or abandoned) request.</summary>
    public void Record(string operation, string status, TimeSpan duration, long bytesIn, long bytesOut)
    {
        _requests.WithLabels(operation, status).Inc();
        _duration.WithLabels(operation).Observe(duration.TotalSeconds);
        _bytesReceived.Inc(bytesIn);
        _bytesSent.Inc(bytesOut);
    }

    public void Dispose() => _storageMeters.Dispose();
}
