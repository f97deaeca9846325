using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cairn.Bench.Report;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// 5. ListObjectsV2 pages of 1,000 over a bucket of N keys, seeded without HTTP (<see cref="SqliteListingSeeder"/>, on
/// a Cairn started on the seeded data dir; <see cref="Postgres.PgListingSeeder"/>, on the nodes run.sh started, each
/// page from the next node): the first page and a middle page (start-after the key in the middle), without and with
/// delimiter "/" (every 10 keys share a prefix, so a delimited page is 1,000 common prefixes). Median latency of
/// repeated requests, against the floor of the same page in the same database.
/// </summary>
internal sealed class ListingScenario : IScenario
{
    private const int PageSize = 1000;
    private const double TargetMs = 20;
    private const int WarmUpRounds = 10;

    public int Number => 5;

    public string Title => "ListObjectsV2";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var profile = context.Profile;
        var keys = profile.ListingKeys;
        var perDirectory = profile.ListingKeysPerDirectory;
        await using var target = await context.Metadata.PrepareListingAsync(context, keys, cancellationToken);
        var nodes = target.Nodes;

        var middleKey = ListingKeys.KeyAt(keys / 2 - 1, perDirectory);
        var middleDirectory = string.Create(CultureInfo.InvariantCulture, $"d{keys / perDirectory / 2:D6}/");
        var cases = new (string Name, string? Delimiter, string? StartAfter)[]
        {
            ("first page", null, null),
            ("middle page", null, middleKey),
            ("first page, delimiter '/'", "/", null),
            ("middle page, delimiter '/'", "/", middleDirectory),
        };

        // The server may just have started: run every case a few times on every node first, then give tiered
        // compilation a moment, so the timed requests run optimized code rather than measure the JIT.
        context.Progress("5. warming up the listing server");
        for (var i = 0; i < WarmUpRounds * nodes.Count; i++)
        {
            foreach (var (_, delimiter, startAfter) in cases)
            {
                await nodes[i % nodes.Count].ListObjectsV2Async(ListingKeys.Bucket, null, delimiter, startAfter, PageSize, cancellationToken);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(0.5), cancellationToken);
        foreach (var (name, delimiter, startAfter) in cases)
        {
            context.Progress($"5. ListObjectsV2 {name} over {keys:N0} keys");
            var body = await nodes[0].ListObjectsV2Async(ListingKeys.Bucket, null, delimiter, startAfter, PageSize, cancellationToken);
            var entries = Count(body, delimiter is null ? "<Contents>" : "<CommonPrefixes>");
            var truncated = Encoding.UTF8.GetString(body).Contains("<IsTruncated>true</IsTruncated>", StringComparison.Ordinal);

            // One request at a time, each to the next node.
            var times = new List<double>(profile.ListingRepetitions);
            var start = target.Meter.Start();
            for (var i = 0; i < profile.ListingRepetitions; i++)
            {
                var clock = Stopwatch.StartNew();
                await nodes[i % nodes.Count].ListObjectsV2Async(ListingKeys.Bucket, null, delimiter, startAfter, PageSize, cancellationToken);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            var cpu = target.Meter.Stop(start);
            times.Sort();
            var median = times[times.Count / 2];
            var floorAfter = delimiter is null ? startAfter ?? "" : startAfter is null ? "" : ListingKeys.Successor(startAfter);
            var floorMs = await target.Floor.MedianMsAsync(delimiter, floorAfter, PageSize, profile.ListingRepetitions, cancellationToken);
            var aside = await target.Floor.NoteAsync(delimiter, floorAfter, PageSize, profile.ListingRepetitions, cancellationToken);
            var check = entries == PageSize && truncated ? "" : $"; UNEXPECTED PAGE: {entries} entries, truncated={truncated}";
            context.Report.Add(new ResultRow
            {
                Scenario = "5 listing",
                Measurement = $"ListObjectsV2 {name}, {keys:N0} keys",
                Value = median,
                Unit = "ms",
                LowerIsBetter = true,
                Limit = floorMs,
                LimitName = $"{context.Metadata.Name} floor",
                Target = $"< {TargetMs:0} ms",
                Met = median < TargetMs,
                Operations = times.Count,
                Notes = string.Create(CultureInfo.InvariantCulture,
                    $"median of {times.Count}; {cpu.PerOperation(times.Count, "page")}; p90 {TableWriter.Format(times[Math.Max(0, (int)(times.Count * 0.9) - 1)], "ms")}, max {TableWriter.Format(times[^1], "ms")}; {body.Length / 1024} KiB XML{(aside is null ? "" : "; " + aside)}{check}"),
            }.WithCpu(cpu));
        }

        if (target.StartSeconds is { } startSeconds)
        {
            context.Report.Add(new ResultRow
            {
                Scenario = "5 listing",
                Measurement = $"Cairn start on the seeded {keys:N0}-key data dir",
                Value = startSeconds,
                Unit = "s",
                LowerIsBetter = true,
                Notes = "process start until \"Cairn listening\" (informational)",
            });
        }
    }

    private static int Count(byte[] body, string element)
    {
        var needle = Encoding.UTF8.GetBytes(element);
        var count = 0;
        var span = body.AsSpan();
        int at;
        while ((at = span.IndexOf(needle)) >= 0)
        {
            count++;
            span = span[(at + needle.Length)..];
        }

        return count;
    }
}
