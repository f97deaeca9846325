using System.Diagnostics;
using System.Globalization;
using Cairn.Bench.Data;
using Cairn.Bench.Http;
using Cairn.Bench.Measure;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 3. CompleteMultipartUpload alone. Parts are uploaded first (16 in flight on the raw path; not part of the figure),
/// then one Complete request is timed; each case is repeated on fresh uploads and the fastest Complete is the figure.
/// Part counts at the minimum part size, plus the largest count again with parts 10× larger: Complete is
/// metadata-only, so the two must take the same time (O(parts), not O(bytes)). The limit is the floor of the same work
/// in the same kind of database (read N part rows, delete them, insert N segment rows, one durable commit). With
/// several nodes, the parts go to each node in turn and the Complete to the first.
/// </summary>
internal sealed class CompleteScenario : IScenario
{
    private const string Bucket = "bench-complete";
    private const double TargetSeconds = 0.5;
    private const int TargetParts = 10_000;

    public int Number => 3;

    public string Title => "CompleteMultipartUpload";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        await context.Main.CreateBucketAsync(Bucket, cancellationToken);
        var floors = new Dictionary<int, double?>();
        var smallPartTimes = new Dictionary<int, double>();

        var cases = profile.CompletePartCounts.Select(n => (Parts: n, PartSize: profile.MinPartSize, Repetitions: profile.CompleteRepetitions))
            .Append((Parts: profile.CompleteLargePartCount, PartSize: 10 * profile.MinPartSize, Repetitions: profile.CompleteLargeRepetitions));
        foreach (var (parts, partSize, repetitions) in cases)
        {
            var label = $"{parts:N0} parts × {BenchProfile.Describe(partSize)}";
            if (!floors.TryGetValue(parts, out var floor))
            {
                floor = floors[parts] = await context.Metadata.CompleteFloorAsync(context, parts, cancellationToken);
            }

            var runs = new List<Run>();
            for (var i = 0; i < repetitions; i++)
            {
                context.Progress($"3. uploading {label} ({BenchProfile.Describe(parts * partSize)}), then Complete ({i + 1}/{repetitions})");
                if (await CompleteOnceAsync(context, parts, partSize, label, cancellationToken) is { } run)
                {
                    runs.Add(run);
                }
            }

            if (runs.Count == 0)
            {
                continue;
            }

            var best = runs.MinBy(r => r.Cpu.Wall)!;
            var seconds = best.Cpu.Wall.TotalSeconds;
            if (partSize == profile.MinPartSize)
            {
                smallPartTimes[parts] = seconds;
            }

            Report(context, parts, partSize, label, floor, runs, best, smallPartTimes);
        }
    }

    private static void Report(
        BenchContext context, int parts, long partSize, string label, double? floor, List<Run> runs, Run best, Dictionary<int, double> smallPartTimes)
    {
        var seconds = best.Cpu.Wall.TotalSeconds;
        var scaledTarget = TargetSeconds * parts / TargetParts;
        var target = parts == TargetParts
            ? $"< {TargetSeconds:0.0} s"
            : string.Create(CultureInfo.InvariantCulture, $"< {scaledTarget:0.00} s (0.5 s × {parts:N0}/10,000)");
        var met = seconds < scaledTarget;
        if (partSize != context.Profile.MinPartSize && smallPartTimes.TryGetValue(parts, out var small))
        {
            target += $", ±20 % of 1× ({small:0.000} s)";
            met &= Math.Abs(seconds / small - 1) <= 0.2;
        }

        var times = string.Join(", ", runs.Select(r =>
            r.Cpu.Wall.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + (r.QueuedGarbage is { } g ? $" s [{g:N0} blobs queued for GC]" : " s")));
        context.Report.Add(new ResultRow
        {
            Scenario = "3 complete",
            Measurement = $"CompleteMultipartUpload, {label} ({BenchProfile.Describe(parts * partSize)})",
            Value = seconds,
            Unit = "s",
            LowerIsBetter = true,
            Limit = floor,
            LimitName = floor is null ? null : $"{context.Metadata.Name} floor",
            Target = target,
            Met = met,
            Operations = 1,
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"best of {runs.Count} ({times}); body {best.BodyBytes / 1024} KiB; parts uploaded at {best.PartsPerSecond:N0} parts/s ({best.UploadMBps:N0} MB/s); DeleteObject of the result {best.DeleteSeconds:0.000} s"),
        }.WithCpu(best.Cpu));
    }

    private static async Task<Run?> CompleteOnceAsync(BenchContext context, int parts, long partSize, string label, CancellationToken cancellationToken)
    {
        var raw = context.Main;
        var key = $"complete-{parts}-{partSize / BenchProfile.KiB}k";
        var uploadId = await raw.CreateMultipartUploadAsync(Bucket, key, cancellationToken);
        var etags = new string[parts];

        // With several nodes the parts go to each in turn; the upload is created, completed and deleted on the main node.
        var upload = await LoadRunner.RunAsync(context.Profile.CompleteUploadConcurrency, null, parts, context.MainMeter, async (i, ct) =>
            etags[i] = await context.Node(i).UploadPartAsync(Bucket, key, uploadId, (int)i + 1, new PatternContent(partSize, i), ct), cancellationToken);
        if (upload.Errors > 0)
        {
            await raw.AbortMultipartUploadAsync(Bucket, key, uploadId, cancellationToken);
            context.Report.Warn($"3. {label}: {upload.Errors} parts failed ({upload.FirstError}); Complete not measured.");
            return null;
        }

        var body = RawS3Client.CompleteBody(etags);
        var garbage = await context.Metadata.QueuedGarbageAsync(cancellationToken);
        var start = context.MainMeter.Start();
        await raw.CompleteMultipartUploadAsync(Bucket, key, uploadId, body, cancellationToken);
        var cpu = context.MainMeter.Stop(start);

        var deleteClock = Stopwatch.StartNew();
        await raw.DeleteObjectAsync(Bucket, key, cancellationToken);
        var wall = upload.Cpu.Wall.TotalSeconds;
        return new Run(cpu, body.Length, parts / wall, parts * partSize / wall / 1e6, deleteClock.Elapsed.TotalSeconds, garbage);
    }

    /// <summary>One timed Complete, with how its parts were uploaded and how long deleting the result took.</summary>
    private sealed record Run(CpuUsage Cpu, int BodyBytes, double PartsPerSecond, double UploadMBps, double DeleteSeconds, long? QueuedGarbage);
}
