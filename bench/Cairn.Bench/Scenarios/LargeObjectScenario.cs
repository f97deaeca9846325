using Amazon.S3.Model;
using Cairn.Bench.Data;
using Cairn.Bench.Http;
using Cairn.Bench.Measure;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 1. Large PutObject and GetObject, one request at a time: on the raw path (the server's figure) and with AWSSDK.S3
/// defaults (what an SDK user sees; its signing and checksums cost client CPU). GET is measured with the blobs
/// evicted from the page cache (against the disk-read limit) and again warm (against loopback TCP).
/// </summary>
internal sealed class LargeObjectScenario : IScenario
{
    private const string Bucket = "bench-large";

    public int Number => 1;

    public string Title => "large objects";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var raw = context.Main;
        var limits = context.Limits;
        await raw.CreateBucketAsync(Bucket, cancellationToken);
        var size = profile.LargeSize;
        var rawKeys = Enumerable.Range(0, profile.LargeCount).Select(i => $"raw/object-{i}").ToList();
        var sdkKeys = Enumerable.Range(0, profile.SdkLargeCount).Select(i => $"sdk/object-{i}").ToList();
        var rawLabel = $"{rawKeys.Count} × {BenchProfile.Describe(size)}";
        var sdkLabel = $"{sdkKeys.Count} × {BenchProfile.Describe(size)}";
        var upload = limits.Upload;

        context.Progress($"1. PutObject raw, {rawLabel}");
        var cpu = await MeasureAsync(context, rawKeys, (key, i) => raw.PutObjectAsync(Bucket, key, new PatternContent(size, i), cancellationToken));
        Add(context, $"PutObject raw, {rawLabel}", rawKeys.Count * size, cpu, upload, target: true);

        context.Progress($"1. GetObject raw, cold cache, {rawLabel}");
        PageCache.Drop(Path.Combine(context.Options.DataDirectory, "blobs"));
        cpu = await MeasureAsync(context, rawKeys, (key, _) => ExpectLengthAsync(raw.GetObjectAsync(Bucket, key, cancellationToken), size));
        Add(context, $"GetObject raw, cold cache, {rawLabel}", rawKeys.Count * size, cpu, limits.ColdDownload, target: true,
            note: "blobs evicted from the page cache first");

        context.Progress($"1. GetObject raw, warm cache, {rawLabel}");
        cpu = await MeasureAsync(context, rawKeys, (key, _) => ExpectLengthAsync(raw.GetObjectAsync(Bucket, key, cancellationToken), size));
        Add(context, $"GetObject raw, warm cache, {rawLabel}", rawKeys.Count * size, cpu, limits.WarmDownload, target: false);

        using (var sdk = HttpClients.CreateSdk(context.Main.Endpoint, context.Options.AccessKey, context.Options.SecretKey))
        {
            context.Progress($"1. PutObject AWSSDK.S3, {sdkLabel}");
            cpu = await MeasureAsync(context, sdkKeys, (key, i) => sdk.PutObjectAsync(new PutObjectRequest
            {
                BucketName = Bucket,
                Key = key,
                InputStream = new PatternStream(size, 1000 + i),
                AutoCloseStream = true,
            }, cancellationToken));
            Add(context, $"PutObject AWSSDK.S3 defaults, {sdkLabel}", sdkKeys.Count * size, cpu, upload, target: false,
                note: "SDK default body: aws-chunked, SHA-256-signed chunks (hashed on both ends), CRC32 trailer");

            context.Progress($"1. GetObject AWSSDK.S3, warm cache, {sdkLabel}");
            cpu = await MeasureAsync(context, sdkKeys, async (key, _) =>
            {
                using var response = await sdk.GetObjectAsync(Bucket, key, cancellationToken);
                await ExpectLengthAsync(DrainAsync(response.ResponseStream, cancellationToken), size);
            });
            Add(context, $"GetObject AWSSDK.S3 defaults, warm cache, {sdkLabel}", sdkKeys.Count * size, cpu, limits.WarmDownload, target: false,
                note: "SDK default: x-amz-checksum-mode ENABLED, CRC32 checked on the client");
        }

        foreach (var key in rawKeys.Concat(sdkKeys))
        {
            await raw.DeleteObjectAsync(Bucket, key, cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="operation"/> for each key in turn (one in flight) and measures the whole sequence.</summary>
    private static async Task<CpuUsage> MeasureAsync(BenchContext context, IReadOnlyList<string> keys, Func<string, int, Task> operation)
    {
        var start = context.MainMeter.Start();
        for (var i = 0; i < keys.Count; i++)
        {
            await operation(keys[i], i);
        }

        return context.MainMeter.Stop(start);
    }

    private static void Add(
        BenchContext context, string measurement, long bytes, CpuUsage cpu, (double Value, string Name)? limit, bool target, string? note = null) =>
        context.Report.Add(new ResultRow
        {
            Scenario = "1 large objects",
            Measurement = measurement,
            Value = bytes / cpu.Wall.TotalSeconds / 1e6,
            Unit = "MB/s",
            Limit = limit?.Value,
            LimitName = limit?.Name,
            Target = target ? "≥ 90 % of limit" : null,
            Met = target && limit is { } l ? bytes / cpu.Wall.TotalSeconds / 1e6 >= 0.9 * l.Value : null,
            Notes = note,
        }.WithCpu(cpu));

    private static async Task ExpectLengthAsync(Task<long> read, long expected)
    {
        var length = await read;
        if (length != expected)
        {
            throw new InvalidOperationException($"GetObject returned {length} bytes, expected {expected}.");
        }
    }

    private static async Task<long> DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[256 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
