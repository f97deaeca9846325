using Cairn.Core.Background;

namespace Cairn.Server.Hosting;

/// <summary>
/// The one driver of every <see cref="IBackgroundWork"/>, on the injected clock: each work waits its interval, then
/// runs passes back to back while they report more waiting. A failed pass is logged and the work carries on at
/// its next interval.
/// </summary>
internal sealed partial class BackgroundWorkService(
    IEnumerable<IBackgroundWork> works, TimeProvider time, ILogger<BackgroundWorkService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(works.Select(work => RunAsync(work, stoppingToken)));

    private async Task RunAsync(IBackgroundWork work, CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(work.Interval, time, stoppingToken);
                while (await RunPassAsync(work, stoppingToken))
                {
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs one pass; true when another should follow at once.</summary>
    private async Task<bool> RunPassAsync(IBackgroundWork work, CancellationToken stoppingToken)
    {
        try
        {
            return (await work.RunPassAsync(stoppingToken)).MoreWaiting;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Failed(logger, e, work.Name);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Background work '{Work}' failed a pass")]
        public static partial void Failed(ILogger logger, Exception exception, string work);
    }
}
