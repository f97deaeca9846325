using System.Diagnostics;
using Cairn.Core.Ports;
using Prometheus;

namespace Cairn.Server.Management;

/// <summary>
/// Gauges of pending work in the metadata store (multipart uploads in progress, blobs queued for the collector),
/// read from the store when <c>/metrics</c> is scraped. A reading is reused for <see cref="MaxAge"/> so that
/// frequent or concurrent scrapes cost one pair of COUNT queries; a failed reading keeps the last values (the
/// readiness check is what reports a store that does not answer).
/// </summary>
internal sealed partial class StoreGauges
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly IStoreStatistics _statistics;
    private readonly ILogger<StoreGauges> _logger;
    private readonly Gauge _uploads;
    private readonly Gauge _garbage;
    private long _readAt = long.MinValue;

    public StoreGauges(ServerMetrics metrics, IStoreStatistics statistics, ILogger<StoreGauges> logger)
    {
        _statistics = statistics;
        _logger = logger;
        _uploads = metrics.Factory.CreateGauge("cairn_multipart_uploads_in_progress", "Multipart uploads created and neither completed nor aborted.");
        _garbage = metrics.Factory.CreateGauge("cairn_gc_queued_blobs", "Unreferenced blobs queued for deletion by the garbage collector.");
        metrics.Registry.AddBeforeCollectCallback(RefreshAsync);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var readAt = Interlocked.Read(ref _readAt);
        if (readAt != long.MinValue && Stopwatch.GetElapsedTime(readAt) < MaxAge)
        {
            return;
        }

        try
        {
            var statistics = await _statistics.ReadAsync(cancellationToken);
            _uploads.Set(statistics.UploadsInProgress);
            _garbage.Set(statistics.QueuedGarbage);
            Interlocked.Exchange(ref _readAt, Stopwatch.GetTimestamp());
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ReadFailed(_logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Reading the metadata store's statistics for /metrics failed")]
        public static partial void ReadFailed(ILogger logger, Exception exception);
    }
}
