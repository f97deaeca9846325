using System.Diagnostics;
using Cairn.Bench.Http;
using Cairn.Bench.Limits;
using Cairn.Bench.Measure;
using Cairn.Bench.Metadata;
using Cairn.Bench.Processes;
using Cairn.Bench.Report;

namespace Cairn.Bench;

/// <summary>What every scenario shares: options and sizes, the HTTP clients, the measured limits and the report.</summary>
internal sealed class BenchContext
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public required BenchOptions Options { get; init; }
    public required BenchProfile Profile { get; init; }
    public required HttpClient Http { get; init; }
    public required SigV4Signer Signer { get; init; }
    public required MachineLimits Limits { get; init; }
    public required BenchReport Report { get; init; }
    public required PidFile Pids { get; init; }

    /// <summary>Where the nodes keep their metadata: SQLite in the data directory or the PostgreSQL database of --metadata.</summary>
    public required IMetadataUnderTest Metadata { get; init; }

    /// <summary>Raw clients of the nodes run.sh started, in the order of <see cref="BenchOptions.Endpoints"/>.</summary>
    public IReadOnlyList<RawS3Client> Nodes => field ??= Options.Endpoints.Select(ClientFor).ToArray();

    /// <summary>The first node: where everything that is not spread over the nodes goes.</summary>
    public RawS3Client Main => Nodes[0];

    /// <summary>The node request number <paramref name="index"/> goes to when load is spread: each in turn.</summary>
    public RawS3Client Node(long index) => Nodes[(int)(index % Nodes.Count)];

    /// <summary>CPU of this process, of the nodes run.sh started and of the PostgreSQL server, if any.</summary>
    public CpuMeter MainMeter => field ??= new CpuMeter(Options.ServerPids, Options.DatabasePid);

    public RawS3Client ClientFor(Uri endpoint) => new(Http, endpoint, Signer);

    /// <summary>
    /// Starts another Cairn (same build as the main one) on <paramref name="dataDirectory"/> on a free port, with its
    /// metadata in SQLite there (scenario 5 on SQLite lists a seeded copy; scenario 6 measures a fresh process; scenario 8
    /// compares two fresh processes), with extra <paramref name="settings"/> (<c>--Cairn:Key=value</c>).
    /// </summary>
    public Task<ChildProcess> StartCairnAsync(string dataDirectory, CancellationToken cancellationToken, params string[] settings)
    {
        var dll = Options.ServerDll ?? throw new InvalidOperationException("--server-dll is needed to start the extra servers of scenarios 5, 6 and 8.");
        return ChildProcess.StartAsync("dotnet", [dll, "--data", dataDirectory, "--urls", "http://127.0.0.1:0", "--Cairn:ManagementUrls=http://127.0.0.1:0", .. settings],
            new Dictionary<string, string>
            {
                ["CAIRN_ROOT_USER"] = Options.AccessKey,
                ["CAIRN_ROOT_PASSWORD"] = Options.SecretKey,
            },
            "Cairn listening on ", Pids, cancellationToken);
    }

    /// <summary>Starts the bare Kestrel baseline: this same program in `baseline-server` mode, with server GC like Cairn.</summary>
    public Task<ChildProcess> StartBaselineAsync(CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var arguments = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new[] { typeof(BenchContext).Assembly.Location, "baseline-server", "--urls", "http://127.0.0.1:0" }
            : ["baseline-server", "--urls", "http://127.0.0.1:0"];
        return ChildProcess.StartAsync(host, arguments, new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" },
            BaselineServer.ReadyPrefix, Pids, cancellationToken);
    }

    /// <summary>A progress line on stderr (the table goes to stdout at the end).</summary>
    public void Progress(string message) => Console.Error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {message}");

    /// <summary>A fresh, empty directory under the work dir.</summary>
    public string WorkPath(string name)
    {
        var path = Path.Combine(Options.WorkDirectory, name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }
}
