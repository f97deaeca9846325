using Cairn.Bench.Data;
using Cairn.Bench.Measure;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 6. Server memory while many large uploads stream at once: a fresh Cairn (so earlier scenarios' heap growth does
/// not count), N concurrent PutObject of the full size on the raw path; the peak resident set from the kernel
/// (VmHWM in /proc/&lt;pid&gt;/status, covering the whole process life) and the largest VmRSS sampled every 20 ms.
/// </summary>
internal sealed class RssScenario : IScenario
{
    private const string Bucket = "bench-rss";
    private const double TargetMiB = 300;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(20);

    public int Number => 6;

    public string Title => "peak RSS";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var label = $"{profile.RssUploads} × {BenchProfile.Describe(profile.RssUploadSize)} PutObject at once";
        var data = context.WorkPath("rss-data");
        context.Progress($"6. fresh Cairn for {label}");
        await using var server = await context.StartCairnAsync(data, cancellationToken);
        var client = context.ClientFor(server.BaseAddress);
        await client.CreateBucketAsync(Bucket, cancellationToken);
        var idle = ProcStatus.ReadMemory(server.Pid, "VmRSS") ?? 0;

        using var stop = new CancellationTokenSource();
        long sampledMax = 0;
        var samples = 0;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (ProcStatus.ReadMemory(server.Pid, "VmRSS") is { } rss)
                {
                    sampledMax = Math.Max(sampledMax, rss);
                    samples++;
                }

                try
                {
                    await Task.Delay(SampleInterval, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }, CancellationToken.None);

        var meter = new CpuMeter([server.Pid]);
        var result = await LoadRunner.RunAsync(profile.RssUploads, null, profile.RssUploads, meter,
            (i, ct) => client.PutObjectAsync(Bucket, $"rss/object-{i}", new PatternContent(profile.RssUploadSize, i), ct), cancellationToken);
        await stop.CancelAsync();
        await sampler;
        var peak = ProcStatus.ReadMemory(server.Pid, "VmHWM");
        await server.StopAsync();
        Directory.Delete(data, recursive: true);

        var failed = result.Errors > 0 ? $"; {result.Errors} uploads FAILED: {result.FirstError}" : "";
        var rate = result.Operations * profile.RssUploadSize / result.Cpu.Wall.TotalSeconds / 1e6;
        if (peak is { } hwm)
        {
            context.Report.Add(Row($"server peak RSS (VmHWM), {label}", hwm, $"idle RSS before {idle / 1048576.0:0} MiB{failed}"));
        }
        else
        {
            context.Report.Warn("6. VmHWM unreadable (not Linux?): only the sampled RSS is reported.");
        }

        context.Report.Add(Row($"server max sampled VmRSS, {label}", sampledMax, $"{samples} samples every {SampleInterval.TotalMilliseconds:0} ms"));
        var limit = context.Limits.Upload;
        context.Report.Add(new ResultRow
        {
            Scenario = "6 peak RSS",
            Measurement = $"aggregate upload rate meanwhile, {label}",
            Value = rate,
            Unit = "MB/s",
            Limit = limit?.Value,
            LimitName = limit?.Name,
            Notes = "informational",
        }.WithCpu(result.Cpu));
    }

    private static ResultRow Row(string measurement, long bytes, string notes) => new()
    {
        Scenario = "6 peak RSS",
        Measurement = measurement,
        Value = bytes / 1048576.0,
        Unit = "MiB",
        LowerIsBetter = true,
        Target = $"< {TargetMiB:0} MiB",
        Met = bytes / 1048576.0 < TargetMiB,
        Notes = notes,
    };
}
