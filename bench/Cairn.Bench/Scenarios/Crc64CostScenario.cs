using Cairn.Bench.Data;
using Cairn.Bench.Limits;
using Cairn.Bench.Measure;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 8. What computing CRC-64/XZ (OSS's x-oss-hash-crc64ecma) on every upload costs: UploadPart MB/s at 4 parts in
/// flight on two fresh servers side by side, one with <c>Cairn:Crc64=true</c> (the default) and one with it off.
/// The two are measured in turn, four times each with the order alternating, and the median of each kept (the upper
/// one of the middle two), so a passing disturbance of the machine or of its page cache does not decide the comparison.
/// </summary>
internal sealed class Crc64CostScenario : IScenario
{
    private const string Bucket = "bench-crc64";
    private const int InFlight = 4;
    private const int Rounds = 4;
    private const double MaxCost = 0.05;

    public int Number => 8;

    public string Title => "CRC-64 cost";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var bytes = profile.MultipartBytes / 2;
        var parts = (int)(bytes / profile.PartSize);
        var label = $"{BenchProfile.Describe(bytes)} in {BenchProfile.Describe(profile.PartSize)} parts, {InFlight} in flight";
        context.Progress("8. CRC-64/XZ and MD5 on one core");
        var md5 = await Task.Run(() => StreamProbes.Md5(profile.Md5ProbeBytes), cancellationToken);
        var crc = await Task.Run(() => StreamProbes.Crc64Xz(profile.Md5ProbeBytes), cancellationToken);
        context.Report.Add(new ResultRow
        {
            Scenario = "8 CRC-64 cost",
            Measurement = "CRC-64/XZ on one core (Cairn's own), beside MD5",
            Value = crc,
            Unit = "MB/s",
            Notes = $"MD5 {md5:0} MB/s: hashing every byte with both costs {md5 / crc * 100:0.0} % more CPU than MD5 alone; per CPU-second of the hashing thread, best of 3",
        });

        var onData = context.WorkPath("crc64-on");
        var offData = context.WorkPath("crc64-off");
        context.Progress("8. fresh Cairn with CRC-64 on, and one with it off");
        await using var on = await context.StartCairnAsync(onData, cancellationToken, "--Cairn:Crc64=true");
        await using var off = await context.StartCairnAsync(offData, cancellationToken, "--Cairn:Crc64=false");
        var servers = new[] { (Name: "on", Server: on), (Name: "off", Server: off) };
        foreach (var (_, server) in servers)
        {
            await context.ClientFor(server.BaseAddress).CreateBucketAsync(Bucket, cancellationToken);
        }

        // The order alternates from round to round (on, off; then off, on), so neither side always writes right after the
        // other's 2 GiB have filled the page cache; each side's median round is kept.
        var runs = new Dictionary<string, List<(double Rate, LoadResult Result)>> { ["on"] = [], ["off"] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, server) in round % 2 == 0 ? servers : servers.Reverse())
            {
                context.Progress($"8. UploadPart, {label}, CRC-64 {name} (round {round + 1} of {Rounds})");
                var (rate, result) = await UploadPartsAsync(context, server, parts, cancellationToken);
                context.Progress($"   {rate:0} MB/s; {result.Cpu.Describe()}");
                runs[name].Add((rate, result));
            }
        }

        var median = runs.ToDictionary(r => r.Key, r => r.Value.OrderBy(run => run.Rate).ElementAt(r.Value.Count / 2));
        await on.StopAsync();
        await off.StopAsync();
        Directory.Delete(onData, recursive: true);
        Directory.Delete(offData, recursive: true);

        var (offRate, offResult) = median["off"];
        var (onRate, onResult) = median["on"];
        var cost = 1 - onRate / offRate;
        var mib = (double)bytes / BenchProfile.MiB;
        var cpuNote = ServerCpuPerMiB(offResult, mib) is { } offCpu && ServerCpuPerMiB(onResult, mib) is { } onCpu
            ? $"; server CPU {onCpu:0.00} ms/MiB against {offCpu:0.00} ({(onCpu / offCpu - 1) * 100:+0.0;-0.0} %)"
            : string.Empty;
        context.Report.Add(Row($"UploadPart raw, {label}, CRC-64 off", offRate, offResult, null, null,
            $"median of {Rounds}" + (ServerCpuPerMiB(offResult, mib) is { } off1 ? $"; server CPU {off1:0.00} ms/MiB" : string.Empty)));
        context.Report.Add(Row($"UploadPart raw, {label}, CRC-64 on", onRate, onResult, offRate, cost <= MaxCost,
            $"median of {Rounds}; cost {cost * 100:0.0} % of the rate without it{cpuNote}"));
    }

    private static async Task<(double Rate, LoadResult Result)> UploadPartsAsync(
        BenchContext context, Processes.ChildProcess server, int parts, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var client = context.ClientFor(server.BaseAddress);
        var key = $"crc64-{Guid.NewGuid():N}";
        var uploadId = await client.CreateMultipartUploadAsync(Bucket, key, cancellationToken);
        var meter = new CpuMeter([server.Pid]);
        var result = await LoadRunner.RunAsync(InFlight, null, parts, meter, async (i, ct) =>
            await client.UploadPartAsync(Bucket, key, uploadId, (int)i + 1, new PatternContent(profile.PartSize, i), ct), cancellationToken);
        await client.AbortMultipartUploadAsync(Bucket, key, uploadId, cancellationToken);
        return (result.Operations * profile.PartSize / result.Cpu.Wall.TotalSeconds / 1e6, result);
    }

    /// <summary>Server CPU milliseconds per MiB uploaded: steadier than the rate when other work shares the cores.</summary>
    private static double? ServerCpuPerMiB(LoadResult result, double mib) =>
        result.Cpu.Server is { } server ? server.TotalMilliseconds / mib : null;

    private static ResultRow Row(string measurement, double rate, LoadResult result, double? limit, bool? met, string notes) => new ResultRow
    {
        Scenario = "8 CRC-64 cost",
        Measurement = measurement,
        Value = rate,
        Unit = "MB/s",
        Limit = limit,
        LimitName = limit is null ? null : "the same without CRC-64",
        Target = limit is null ? null : "cost < 5 %",
        Met = met,
        Notes = result.Errors > 0 ? $"{notes}; {result.Errors} parts FAILED: {result.FirstError}" : notes,
    }.WithCpu(result.Cpu);
}
