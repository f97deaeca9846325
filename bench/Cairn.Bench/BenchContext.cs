using System.Diagnostics;
using Cairn.Bench.Http;
using Cairn.Bench.Limits;
using Cairn.Bench.Measure;
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

    /// <summary>The raw client of the server run.sh started.</summary>
    public RawS3Client Main => field ??= ClientFor(Options.Endpoint);

    /// <summary>CPU of this process and of the main server.</summary>
    public CpuMeter MainMeter => field ??= new CpuMeter(Options.ServerPid);

    public RawS3Client ClientFor(Uri endpoint) => new(Http, endpoint, Signer);

    /// <summary>Starts another Cairn (same build as the main one) on <paramref name="dataDirectory"/> on a free port.</summary>
    public Task<ChildProcess> StartCairnAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var dll = Options.ServerDll ?? throw new InvalidOperationException("--server-dll is needed to start the extra servers of scenarios 5 and 6.");
        return ChildProcess.StartAsync("dotnet", [dll, "--data", dataDirectory, "--urls", "http://127.0.0.1:0", "--Cairn:ManagementUrls=http://127.0.0.1:0"],
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
