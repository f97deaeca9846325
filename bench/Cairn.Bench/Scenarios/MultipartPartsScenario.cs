using System.Diagnostics;
using Cairn.Bench.Data;
using Cairn.Bench.Http;
using Cairn.Bench.Measure;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 2. The parts phase of a multipart upload (raw path): the whole size in 16 MiB parts with 1, 4 and 8 parts in flight,
/// MB/s over the parts phase alone. The Complete that follows is timed too and shown in the notes.
/// </summary>
internal sealed class MultipartPartsScenario : IScenario
{
    private const string Bucket = "bench-multipart";

    public int Number => 2;

    public string Title => "multipart parts phase";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var raw = context.Main;
        await raw.CreateBucketAsync(Bucket, cancellationToken);
        var parts = (int)(profile.MultipartBytes / profile.PartSize);
        var label = $"{BenchProfile.Describe(profile.MultipartBytes)} in {BenchProfile.Describe(profile.PartSize)} parts";

        foreach (var inFlight in profile.PartsInFlight)
        {
            context.Progress($"2. UploadPart, {label}, {inFlight} in flight");
            var key = $"multipart-{inFlight}";
            var uploadId = await raw.CreateMultipartUploadAsync(Bucket, key, cancellationToken);
            var etags = new string[parts];
            var result = await LoadRunner.RunAsync(inFlight, null, parts, context.MainMeter, async (i, ct) =>
                etags[i] = await raw.UploadPartAsync(Bucket, key, uploadId, (int)i + 1, new PatternContent(profile.PartSize, i), ct), cancellationToken);

            string completion;
            if (result.Errors == 0)
            {
                var clock = Stopwatch.StartNew();
                await raw.CompleteMultipartUploadAsync(Bucket, key, uploadId, RawS3Client.CompleteBody(etags), cancellationToken);
                completion = $"then Complete {clock.Elapsed.TotalMilliseconds:0} ms";
                await raw.DeleteObjectAsync(Bucket, key, cancellationToken);
            }
            else
            {
                await raw.AbortMultipartUploadAsync(Bucket, key, uploadId, cancellationToken);
                completion = $"{result.Errors} parts failed: {result.FirstError}";
            }

            var rate = result.Operations * profile.PartSize / result.Cpu.Wall.TotalSeconds / 1e6;
            var limit = context.Limits.Upload;
            var targeted = inFlight == 4;
            context.Report.Add(new ResultRow
            {
                Scenario = "2 multipart parts",
                Measurement = $"UploadPart raw, {label}, {inFlight} in flight",
                Value = rate,
                Unit = "MB/s",
                Limit = limit?.Value,
                LimitName = limit?.Name,
                Target = targeted ? "≥ 90 % of limit" : null,
                Met = targeted && limit is { } l ? rate >= 0.9 * l.Value : null,
                Notes = $"part p50 {TableWriter.Format(result.Percentile(50), "ms")}; {completion}",
            }.WithCpu(result.Cpu));
        }
    }
}
