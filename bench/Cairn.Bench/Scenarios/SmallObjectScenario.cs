using System.Globalization;
using Cairn.Bench.Limits;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 4. 4 KiB objects on the raw path: PUT, GET, HEAD and DELETE ops/s with p50/p99 latency at 1, 16 and 64 requests in
/// flight, spread over the nodes. Limits: the bare Kestrel app at the same concurrency, and for PUT also the
/// durable-small-file rate on SQLite (the best of the limits phase and a probe run just before the PUT phase) or the
/// durable PostgreSQL commit rate at as many connections.
/// </summary>
internal sealed class SmallObjectScenario : IScenario
{
    private const string Bucket = "bench-small";

    /// <summary>The targets at 64 in flight.</summary>
    private static readonly Dictionary<string, double> TargetsAt64 = new() { ["PUT"] = 3_000, ["GET"] = 10_000 };

    public int Number => 4;

    public string Title => "4 KiB objects";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        await context.Main.CreateBucketAsync(Bucket, cancellationToken);
        await SmallOpsWorkload.WarmUpAsync(context.Nodes, Bucket, profile.SmallConcurrency.Max(), profile.SmallSize, context.MainMeter, cancellationToken);
        var probes = context.WorkPath("small-probes");
        foreach (var concurrency in profile.SmallConcurrency)
        {
            // fsync rates drift by several times within a minute on a shared disk: probe the durable-file limit again
            // right before the PUT phase, and keep the best figure seen as the limit.
            var adjacent = await Task.Run(() => SmallFileProbe.Run(probes, concurrency, profile.SmallFileProbeTime), cancellationToken);
            context.Limits.DurableSmallFiles[concurrency] = Math.Max(adjacent, context.Limits.DurableSmallFiles.GetValueOrDefault(concurrency));

            context.Progress($"4. {BenchProfile.Describe(profile.SmallSize)} PUT/GET/HEAD/DELETE, {concurrency} in flight");
            var results = await SmallOpsWorkload.RunAsync(context.Nodes, Bucket, $"c{concurrency}", concurrency, profile.SmallSize,
                profile.SmallPhaseTime, context.MainMeter, cancellationToken);
            foreach (var (operation, result) in results)
            {
                var limit = operation == "PUT" ? context.Limits.SmallPut(concurrency) : context.Limits.SmallOther(operation, concurrency);
                var target = concurrency == 64 && TargetsAt64.TryGetValue(operation, out var t) ? t : (double?)null;
                var notes = $"{result.Operations:N0} ops; {result.Cpu.PerOperation(result.Operations)}";
                if (operation == "PUT")
                {
                    notes += string.Create(CultureInfo.InvariantCulture, $"; durable files just before: {adjacent:N0} ops/s");
                }

                if (result.Errors > 0)
                {
                    notes += $", {result.Errors} FAILED: {result.FirstError}";
                }

                context.Report.Add(new ResultRow
                {
                    Scenario = "4 small objects",
                    Measurement = $"{operation} {BenchProfile.Describe(profile.SmallSize)} raw, {concurrency} in flight",
                    Value = result.OpsPerSecond,
                    Unit = "ops/s",
                    Limit = limit?.Value,
                    LimitName = limit?.Name,
                    Target = target is { } v ? "≥ " + v.ToString("N0", CultureInfo.InvariantCulture) : null,
                    Met = target is { } min ? result.OpsPerSecond >= min : null,
                    P50Ms = result.Percentile(50),
                    P99Ms = result.Percentile(99),
                    Operations = result.Operations,
                    Notes = notes,
                }.WithCpu(result.Cpu));
            }
        }
    }
}
