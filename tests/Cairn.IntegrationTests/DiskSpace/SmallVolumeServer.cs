using Amazon.S3;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.DiskSpace;

/// <summary>
/// A real Cairn (Kestrel on 127.0.0.1, random port) whose data directory sits on a small tmpfs of its own, so a
/// test can fill the volume from outside and restart the server on it. Start it inside the test: where mounting
/// is not permitted the test is skipped (fails under CI).
/// </summary>
public sealed class SmallVolumeServer : IAsyncDisposable
{
    public const long MiB = 1024 * 1024;

    private readonly long _minFreeSpace;
    private readonly bool _embeddedMetadata;
    private CairnHost? _host;

    private SmallVolumeServer(TmpfsVolume volume, long minFreeSpace, bool embeddedMetadata)
    {
        Volume = volume;
        _minFreeSpace = minFreeSpace;
        _embeddedMetadata = embeddedMetadata;
        DataDirectory = Path.Combine(volume.Path, "data");
    }

    public TmpfsVolume Volume { get; }

    public string DataDirectory { get; }

    public CairnHost Host => _host ?? throw new InvalidOperationException("Server not running.");

    /// <summary>
    /// Mounts a tmpfs of <paramref name="volumeSize"/> and starts Cairn on it with the given free-space floor, with this
    /// run's metadata store, or with the embedded SQLite database on that volume when <paramref name="embeddedMetadata"/>
    /// (what a test of the database's own writes on a full volume needs).
    /// </summary>
    public static async Task<SmallVolumeServer> StartAsync(long volumeSize, long minFreeSpace, bool embeddedMetadata = false)
    {
        var server = new SmallVolumeServer(TmpfsVolume.Mount(volumeSize), minFreeSpace, embeddedMetadata);
        try
        {
            await server.StartHostAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>An AWSSDK.S3 client with default settings for the running server (its port changes with every start).</summary>
    public AmazonS3Client CreateClient() => CairnServerFixture.CreateClient(Host);

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    /// <summary>Stops the server, lets <paramref name="whileStopped"/> change the volume, and starts it again on the same data.</summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await StopAsync();
        whileStopped?.Invoke();
        await StartHostAsync();
    }

    /// <summary>The reserve files in the data directory (not one being written), with their sizes.</summary>
    public IReadOnlyList<(string Name, long Length)> ReserveFiles() =>
        Directory.GetFiles(DataDirectory, "space-reserve.?").Order().Select(f => (Path.GetFileName(f), new FileInfo(f).Length)).ToList();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Volume.Dispose();
    }

    private async Task StartHostAsync()
    {
        var options = CairnServerFixture.TestOptions(DataDirectory);
        options.Limits.MinFreeSpace = _minFreeSpace;
        if (_embeddedMetadata)
        {
            TestMetadata.Embedded(options);
        }

        _host = await CairnHost.StartAsync(options);
    }
}
