using Cairn.Storage.Gc;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>
/// Runs the blob garbage collector in the background on the configured clock: the queue every interval (with a
/// grace period so readers that just looked up a manifest can still open their blobs), and a full sweep of
/// orphan blobs and temp files at the first pass after start and hourly after that. The full sweep spares
/// anything younger than an hour: it may belong to a writer that has not committed yet.
/// </summary>
internal sealed partial class GarbageCollectionService(
    BlobGarbageCollector collector, IOptions<CairnOptions> options, TimeProvider time, ILogger<GarbageCollectionService> logger) : BackgroundService
{
    private static readonly TimeSpan ReaderGrace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? lastSweep = null;
        using var timer = new PeriodicTimer(options.Value.GarbageCollectionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = time.GetUtcNow();
                var sweep = lastSweep is null || now - lastSweep > OrphanGrace;
                await collector.CollectAsync(sweep ? OrphanGrace : ReaderGrace, sweep, stoppingToken);
                if (sweep)
                {
                    lastSweep = now;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Garbage collection pass failed")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
