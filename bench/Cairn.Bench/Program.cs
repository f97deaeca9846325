using System.Diagnostics;
using Cairn.Bench;
using Cairn.Bench.Http;
using Cairn.Bench.Limits;
using Cairn.Bench.Metadata;
using Cairn.Bench.Processes;
using Cairn.Bench.Report;
using Cairn.Bench.Scenarios;

// Cairn.Bench: drives running Cairn nodes (started by bench/run.sh) through the issue's six scenarios, beside the
// limits of this machine, and prints one table (also written as JSON and Markdown). `baseline-server` mode is the bare
// Kestrel process the small-object limits are measured on; `compare` puts the reports of several runs side by side.
if (args.Length > 0 && args[0] == "baseline-server")
{
    return await BaselineServer.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "compare")
{
    return SideBySide.Run(args[1..]);
}

var options = BenchOptions.Parse(args);
var profile = options.Quick ? BenchProfile.Quick : BenchProfile.Full;
Directory.CreateDirectory(options.WorkDirectory);
using IMetadataUnderTest metadata = options.Metadata is { } connectionString ? new PgMetadata(connectionString) : new SqliteMetadata(options.DataDirectory);
var nodes = options.Endpoints.Count;
var report = new BenchReport
{
    Mode = profile.Name,
    Setup = $"{metadata.Name}, {nodes} node{(nodes == 1 ? "" : "s")}",
    StartedAt = DateTimeOffset.UtcNow,
    Machine = MachineInfo.Collect(options.DataDirectory),
    LoadAverageAtStart = MachineInfo.LoadAverage(),
    ServerCommit = Environment.GetEnvironmentVariable("CAIRN_BENCH_COMMIT"),
};

using var http = HttpClients.CreateRaw();
var context = new BenchContext
{
    Options = options,
    Profile = profile,
    Http = http,
    Signer = new SigV4Signer(options.AccessKey, options.SecretKey, "us-east-1"),
    Limits = new MachineLimits(),
    Report = report,
    Pids = new PidFile(options.PidFile),
    Metadata = metadata,
};

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var clock = Stopwatch.StartNew();
context.Progress($"Cairn bench, {profile.Name} mode, {report.Setup}: {string.Join(", ", options.Endpoints)} (server pid {(options.ServerPids.Count > 0 ? string.Join(", ", options.ServerPids) : "?")})");
var failed = false;
if (!options.SkipLimits)
{
    try
    {
        await LimitsPhase.RunAsync(context, cancel.Token);
    }
    catch (Exception e) when (!cancel.IsCancellationRequested)
    {
        report.Warn($"limits failed: {e.GetType().Name}: {e.Message}");
        failed = true;
    }
}

IScenario[] scenarios =
[
    new LargeObjectScenario(),
    new MultipartPartsScenario(),
    new CompleteScenario(),
    new SmallObjectScenario(),
    new ListingScenario(),
    new RssScenario(),
    new AccessControlScenario(),
    new Crc64CostScenario(),
    new LifecycleSweepScenario(),
];
foreach (var scenario in scenarios.Where(s => options.Runs(s.Number)))
{
    if (cancel.IsCancellationRequested)
    {
        break;
    }

    try
    {
        await scenario.RunAsync(context, cancel.Token);
    }
    catch (Exception e) when (!cancel.IsCancellationRequested)
    {
        report.Warn($"scenario {scenario.Number} ({scenario.Title}) failed: {e.GetType().Name}: {e.Message}");
        failed = true;
    }
}

report.DurationSeconds = clock.Elapsed.TotalSeconds;
report.LoadAverageAtEnd = MachineInfo.LoadAverage();
Console.WriteLine();
Console.WriteLine(TableWriter.Text(report));
foreach (var path in ReportFiles.Write(report, options.ResultsDirectory, options.Only, defaultSetup: options.Metadata is null && nodes == 1))
{
    Console.WriteLine("written: " + path);
}

// A MISS is a measurement, not a failure; only a scenario that could not run makes the exit code non-zero.
return failed || cancel.IsCancellationRequested ? 2 : 0;
