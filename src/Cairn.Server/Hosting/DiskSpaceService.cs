using Cairn.Core.Limits;
using Cairn.Core.Ports;
using Cairn.Storage.Space;

namespace Cairn.Server.Hosting;

/// <summary>
/// Looks after the space reserve that keeps deletes working on a full data volume: tells the operator when part
/// of it is released and when it is back, and re-creates it once the volume has room again, also while no write
/// asks (the admission check re-creates it too), so recovery needs no restart.
/// </summary>
internal sealed partial class DiskSpaceService(DataVolume volume, ILogger<DiskSpaceService> logger) : BackgroundService
{
    /// <summary>A statvfs and two stat calls: checking often costs nothing and brings the reserve back soon.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers the data volume, its reserve (releases and restorations logged), the admission rule and this
    /// service. The metadata store takes the <see cref="SpaceReserve"/> from here.
    /// </summary>
    public static void Register(IServiceCollection services, CairnOptions options)
    {
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<DiskSpaceService>>();
            var reserve = new SpaceReserve(options.DataDirectory);
            reserve.Released += bytes => Log.Released(logger, bytes / (1024 * 1024));
            reserve.Restored += bytes => Log.Restored(logger, bytes / (1024 * 1024));
            return reserve;
        });
        services.AddSingleton(sp => new DataVolume(options.DataDirectory, sp.GetRequiredService<SpaceReserve>(), options.Limits.MinFreeSpace));
        services.AddSingleton<IDiskSpace>(sp => sp.GetRequiredService<DataVolume>());
        services.AddSingleton<SpaceAdmission>();
        services.AddHostedService<DiskSpaceService>();
    }

    /// <summary>Creates the reserve (or what is missing of it) before the server takes requests.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Restore();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Restore();
        }
    }

    private void Restore()
    {
        try
        {
            volume.RestoreReserveIfRoom();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Failed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
            Message = "The data volume is full: released {MiB} MiB of the space reserve so deletes can commit; new data is refused until space is freed")]
        public static partial void Released(ILogger logger, long miB);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Space reserve in place: created {MiB} MiB that deletes can fall back on when the data volume runs full")]
        public static partial void Restored(ILogger logger, long miB);

        [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Checking the space reserve failed")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
