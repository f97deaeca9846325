using Cairn.Storage.Gc;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>
/// Runs the blob garbage collector in the background: the queue every interval (with a grace period so
/// readers that just looked up a manifest can still open their blobs), and a full orphan sweep hourly.
/// </summary>
internal sealed partial class GarbageCollectionService(
    BlobGarbageCollector collector, IOptions<CairnOptions> options, ILogger<GarbageCollectionService> logger) : BackgroundService
{
    private static readonly TimeSpan ReaderGrace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastSweep = DateTime.UtcNow;
        using var timer = new PeriodicTimer(options.Value.GarbageCollectionInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var sweep = DateTime.UtcNow - lastSweep > OrphanGrace;
                await collector.CollectAsync(sweep ? OrphanGrace : ReaderGrace, sweep, stoppingToken);
                if (sweep)
                {
                    lastSweep = DateTime.UtcNow;
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
