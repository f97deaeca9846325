using System.Security.Cryptography;
using System.Text;
using Cairn.Bench.Data;
using Cairn.Bench.Measure;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 9. The lifecycle sweeper at work: a fresh Cairn whose lifecycle day lasts one second holds N small objects and M
/// incomplete uploads under prefixes no rule covers yet. 4 KiB GETs of other objects run first alone, then while a
/// rule that expires the objects and aborts the uploads is swept through, until listing shows none of them. Reported:
/// items swept per second, the GETs' p99 alone and during the sweep, and how much the server's resident set grew
/// during the sweep (sampled every 100 ms), which stays flat when the sweep works in bounded batches.
/// </summary>
internal sealed class LifecycleSweepScenario : IScenario
{
    private const string Bucket = "bench-lifecycle";
    private const int HotObjects = 100;
    private const int GetConcurrency = 4;
    private const int CreateConcurrency = 16;
    private const double MaxP99Ratio = 2;
    private const double MaxGrowthMiB = 64;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(15);

    public int Number => 9;

    public string Title => "lifecycle sweep";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var items = profile.LifecycleObjects + profile.LifecycleUploads;
        var data = context.WorkPath("lifecycle-data");
        context.Progress("9. fresh Cairn with a lifecycle day of 1 s, sweeping every second");
        await using var server = await context.StartCairnAsync(data, cancellationToken,
            "--Cairn:Lifecycle:DayLength=00:00:01", "--Cairn:Lifecycle:Interval=00:00:01");
        var client = context.ClientFor(server.BaseAddress);
        await client.CreateBucketAsync(Bucket, cancellationToken);
        for (var i = 0; i < HotObjects; i++)
        {
            await client.PutObjectAsync(Bucket, $"hot/{i}", new PatternContent(profile.SmallSize, i), cancellationToken);
        }

        context.Progress($"9. {profile.LifecycleObjects:N0} objects and {profile.LifecycleUploads:N0} uploads to sweep");
        var none = new CpuMeter([]);
        var created = await LoadRunner.RunAsync(CreateConcurrency, null, profile.LifecycleObjects, none,
            (i, ct) => client.PutObjectAsync(Bucket, $"expire/{i:D7}", new PatternContent(1, i), ct), cancellationToken);
        var initiated = await LoadRunner.RunAsync(CreateConcurrency, null, profile.LifecycleUploads, none,
            (i, ct) => client.CreateMultipartUploadAsync(Bucket, $"abort/{i:D7}", ct), cancellationToken);
        if (created.Errors + initiated.Errors > 0)
        {
            context.Report.Warn($"9. {created.Errors + initiated.Errors} items failed to be created: {created.FirstError ?? initiated.FirstError}");
        }

        context.Progress($"9. 4 KiB GETs alone for {profile.LifecycleIdleTime.TotalSeconds:0} s");
        var meter = new CpuMeter([server.Pid]);
        var idle = await LoadRunner.RunAsync(GetConcurrency, profile.LifecycleIdleTime, null, meter,
            (i, ct) => client.GetObjectAsync(Bucket, $"hot/{i % HotObjects}", ct), cancellationToken);

        var before = ProcStatus.ReadMemory(server.Pid, "VmRSS") ?? 0;
        context.Progress("9. the rule is set: GETs while the sweeper expires and aborts everything");
        var rule = Rules();
        await client.PutBucketSubresourceAsync(Bucket, "lifecycle", rule,
            [("Content-MD5", Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(rule))))], cancellationToken);
        var started = System.Diagnostics.Stopwatch.StartNew();

        using var stop = new CancellationTokenSource();
        long maxRss = before;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                maxRss = Math.Max(maxRss, ProcStatus.ReadMemory(server.Pid, "VmRSS") ?? 0);
                await Task.Delay(SampleInterval, CancellationToken.None);
            }
        }, CancellationToken.None);
        // GETs run in one-second windows until the sweep is seen done; their latencies are taken together.
        var sweep = WaitSweptAsync(client, cancellationToken);
        var duringMeter = new CpuMeter([server.Pid]);
        var mark = duringMeter.Start();
        var windows = new List<LoadResult>();
        while (!sweep.IsCompleted)
        {
            windows.Add(await LoadRunner.RunAsync(GetConcurrency, TimeSpan.FromSeconds(1), null, none,
                (i, ct) => client.GetObjectAsync(Bucket, $"hot/{i % HotObjects}", ct), cancellationToken));
        }

        var swept = await sweep;
        var sweepTime = started.Elapsed;
        var latencies = windows.SelectMany(w => w.LatenciesMs).Order().ToArray();
        var load = new LoadResult(latencies.Length, windows.Sum(w => w.Errors), windows.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            latencies, duringMeter.Stop(mark));
        await stop.CancelAsync();
        await sampler;
        await server.StopAsync();
        Directory.Delete(data, recursive: true);

        var label = $"{profile.LifecycleObjects:N0} objects + {profile.LifecycleUploads:N0} uploads";
        context.Report.Add(new ResultRow
        {
            Scenario = "9 lifecycle sweep",
            Measurement = $"items swept per second, {label}",
            Value = swept ? items / sweepTime.TotalSeconds : 0,
            Unit = "items/s",
            Notes = swept
                ? $"all gone {sweepTime.TotalSeconds:0.0} s after the rule was set (sweeps start every 1 s); created at {created.OpsPerSecond:0} PUT/s"
                : $"NOT all swept within {SweepTimeout.TotalMinutes:0} min",
        });
        var idleP99 = idle.Percentile(99);
        var sweepP99 = load.Percentile(99);
        context.Report.Add(Latency($"4 KiB GET p99, {GetConcurrency} in flight, no sweep", idleP99, idle, null, null, "informational"));
        context.Report.Add(Latency($"4 KiB GET p99, {GetConcurrency} in flight, during the sweep", sweepP99, load, idleP99, sweepP99 <= MaxP99Ratio * idleP99,
            $"{load.Operations:N0} GETs over {sweepTime.TotalSeconds:0.0} s; p50 {load.Percentile(50):0.00} ms against {idle.Percentile(50):0.00} ms alone"));
        var growth = (maxRss - before) / 1048576.0;
        context.Report.Add(new ResultRow
        {
            Scenario = "9 lifecycle sweep",
            Measurement = $"server RSS growth during the sweep, {label}",
            Value = growth,
            Unit = "MiB",
            LowerIsBetter = true,
            Target = $"< {MaxGrowthMiB:0} MiB",
            Met = growth < MaxGrowthMiB,
            Notes = $"{before / 1048576.0:0} MiB before, {maxRss / 1048576.0:0} MiB at most, sampled every {SampleInterval.TotalMilliseconds:0} ms",
        });
    }

    /// <summary>Polls listing until neither the objects nor the uploads are there; false on timeout.</summary>
    private static async Task<bool> WaitSweptAsync(Http.RawS3Client client, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + SweepTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var objects = Encoding.UTF8.GetString(await client.ListObjectsV2Async(Bucket, "expire/", null, null, 1, cancellationToken));
            var uploads = Encoding.UTF8.GetString(await client.ListMultipartUploadsAsync(Bucket, "abort/", 1, cancellationToken));
            if (!objects.Contains("<Contents>", StringComparison.Ordinal) && !uploads.Contains("<Upload>", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return false;
    }

    private static string Rules() =>
        "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + "<Rule><ID>expire</ID><Filter><Prefix>expire/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
        + "<Rule><ID>abort</ID><Filter><Prefix>abort/</Prefix></Filter><Status>Enabled</Status>"
        + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>"
        + "</LifecycleConfiguration>";

    private static ResultRow Latency(string measurement, double p99, LoadResult result, double? limit, bool? met, string notes) => new ResultRow
    {
        Scenario = "9 lifecycle sweep",
        Measurement = measurement,
        Value = p99,
        Unit = "ms",
        LowerIsBetter = true,
        Limit = limit,
        LimitName = limit is null ? null : "p99 with no sweep",
        Target = limit is null ? null : $"< {MaxP99Ratio:0} × p99 with no sweep",
        Met = met,
        Notes = result.Errors > 0 ? $"{notes}; {result.Errors} GETs FAILED: {result.FirstError}" : notes,
    }.WithCpu(result.Cpu);
}
