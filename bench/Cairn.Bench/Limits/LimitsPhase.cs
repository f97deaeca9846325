using System.Globalization;
using Cairn.Bench.Measure;
using Cairn.Bench.Metadata;
using Cairn.Bench.Postgres;
using Cairn.Bench.Report;
using Cairn.Bench.Scenarios;

namespace Cairn.Bench.Limits;

/// <summary>
/// Measures the machine's limits at the start of the run, on the data dir's filesystem, while the server idles:
/// disk, MD5 and loopback TCP (when a large-object scenario runs), durable small files, SQLite commits, on PostgreSQL
/// its round trip and durable commits, and the bare Kestrel baseline. Each becomes a
/// "0 limits" row and the denominator of the Cairn figures after it.
/// </summary>
internal static class LimitsPhase
{
    private const string Scenario = "0 limits";

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var limits = context.Limits;
        var probes = context.WorkPath("probes");

        // The streaming limits are only compared with the large-object scenarios.
        if (context.Options.Runs(1) || context.Options.Runs(2) || context.Options.Runs(6))
        {
            await StreamLimitsAsync(context, probes, cancellationToken);
        }

        context.Progress("0. limits: durable 4 KiB files, SQLite commits");
        foreach (var threads in profile.SmallConcurrency)
        {
            var rate = await Task.Run(() => Math.Max(
                SmallFileProbe.Run(probes, threads, profile.SmallFileProbeTime),
                SmallFileProbe.Run(probes, threads, profile.SmallFileProbeTime)), cancellationToken);
            limits.DurableSmallFiles[threads] = rate;
            Add(context, $"durable 4 KiB files, {threads} thread{(threads == 1 ? "" : "s")}", rate, "ops/s",
                "create, write, fsync, rename, fsync dir; best of 2");
        }

        limits.SqliteCommits = await Task.Run(() => Math.Max(
            SqliteProbes.CommitRate(probes, profile.SmallFileProbeTime),
            SqliteProbes.CommitRate(probes, profile.SmallFileProbeTime)), cancellationToken);
        Add(context, "SQLite durable 1-row commits, one connection", limits.SqliteCommits.Value, "ops/s",
            "WAL, synchronous=FULL: a serial writer's ceiling without group commit; best of 2");
        if (context.Metadata is PgMetadata postgres)
        {
            await PostgresLimitsAsync(context, postgres, cancellationToken);
        }

        context.Progress("0. limits: bare Kestrel baseline (separate process)");
        await using var baseline = await context.StartBaselineAsync(cancellationToken);
        var client = context.ClientFor(baseline.BaseAddress);
        var meter = new CpuMeter([baseline.Pid]);
        await SmallOpsWorkload.WarmUpAsync([client], "baseline", profile.SmallConcurrency.Max(), profile.SmallSize, meter, cancellationToken);
        foreach (var concurrency in profile.SmallConcurrency)
        {
            // Best of two rounds per operation: a limit is what the stack can do, not what a noisy moment allowed.
            var results = await SmallOpsWorkload.RunAsync([client], "baseline", $"c{concurrency}", concurrency, profile.SmallSize,
                profile.BaselinePhaseTime, meter, cancellationToken);
            var again = await SmallOpsWorkload.RunAsync([client], "baseline", $"c{concurrency}b", concurrency, profile.SmallSize,
                profile.BaselinePhaseTime, meter, cancellationToken);
            foreach (var (operation, result) in again)
            {
                if (!results.TryGetValue(operation, out var first) || result.OpsPerSecond > first.OpsPerSecond)
                {
                    results[operation] = result;
                }
            }

            foreach (var (operation, result) in results)
            {
                limits.BareHttp[$"{operation}@{concurrency}"] = result.OpsPerSecond;
            }

            var get = results.TryGetValue("GET", out var g) ? g : results["PUT"];
            context.Report.Add(new ResultRow
            {
                Scenario = Scenario,
                Measurement = $"bare Kestrel, 4 KiB GET, {concurrency} in flight",
                Value = get.OpsPerSecond,
                Unit = "ops/s",
                P50Ms = get.Percentile(50),
                P99Ms = get.Percentile(99),
                Notes = get.Cpu.PerOperation(get.Operations) + "; best of 2, ops/s " + string.Join(", ", results.Select(r => $"{r.Key} {r.Value.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture)}")),
            }.WithCpu(get.Cpu));
        }

        await baseline.StopAsync();
        Directory.Delete(probes, recursive: true);
    }

    private static async Task StreamLimitsAsync(BenchContext context, string probes, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var limits = context.Limits;
        context.Progress("0. limits: disk write/read, MD5, loopback TCP");
        var file = Path.Combine(probes, "disk-probe.bin");
        var size = BenchProfile.Describe(profile.DiskProbeBytes);
        limits.DiskWrite = await Task.Run(() => StreamProbes.DiskWrite(file, profile.DiskProbeBytes), cancellationToken);
        Add(context, $"disk write, sequential, {size} + fdatasync", limits.DiskWrite.Value, "MB/s", "256 KiB writes, one fdatasync at the end");
        limits.DiskRead = await Task.Run(() => StreamProbes.DiskRead(file), cancellationToken);
        File.Delete(file);
        Add(context, $"disk read, sequential, {size}, cold", limits.DiskRead.Value, "MB/s", "after posix_fadvise(DONTNEED), best of 2");
        limits.Md5 = await Task.Run(() => StreamProbes.Md5(profile.Md5ProbeBytes), cancellationToken);
        Add(context, "MD5, one core", limits.Md5.Value, "MB/s", "per CPU-second of the hashing thread, best of 3");
        limits.Tcp = await StreamProbes.TcpAsync(profile.TcpProbeBytes, cancellationToken);
        Add(context, "loopback TCP, one connection", limits.Tcp.Value, "MB/s", "best of 3, both ends in the bench process");
    }

    /// <summary>The nodes' PostgreSQL database, probed over the same loopback the nodes use: a statement's round trip, durable commits.</summary>
    private static async Task PostgresLimitsAsync(BenchContext context, PgMetadata postgres, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var limits = context.Limits;
        context.Progress("0. limits: PostgreSQL round trip and durable commits");
        limits.PgRoundTrip = await PgProbes.RoundTripMicrosecondsAsync(postgres.Source, 2000, cancellationToken);
        Add(context, "PostgreSQL round trip, SELECT 1, one connection", limits.PgRoundTrip.Value, "µs",
            "median of 2,000 prepared statements: the least each statement of a request costs");
        foreach (var connections in profile.SmallConcurrency)
        {
            var rate = Math.Max(
                await PgProbes.CommitRateAsync(postgres.Source, connections, profile.SmallFileProbeTime, cancellationToken),
                await PgProbes.CommitRateAsync(postgres.Source, connections, profile.SmallFileProbeTime, cancellationToken));
            limits.PgCommits[connections] = rate;
            Add(context, $"PostgreSQL durable 1-row commits, {connections} connection{(connections == 1 ? "" : "s")}", rate, "ops/s",
                "one INSERT per transaction, synchronous_commit on: concurrent commits share WAL flushes; best of 2");
        }
    }

    private static void Add(BenchContext context, string measurement, double value, string unit, string notes) =>
        context.Report.Add(new ResultRow { Scenario = Scenario, Measurement = measurement, Value = value, Unit = unit, Notes = notes });
}
