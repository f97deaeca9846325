using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cairn.Bench.Report;

/// <summary>
/// One table of several runs of the same scenarios on different setups (bench/run-metadata.sh: SQLite on one node,
/// PostgreSQL on one node and on two): a row per measurement, and per setup its figure (with the limit it was measured
/// against) and the CPU it cost per request on the servers and in the database. Written as
/// <c>&lt;prefix&gt;.md</c> and, with every run's full report, <c>&lt;prefix&gt;.json</c>.
/// </summary>
internal static class SideBySide
{
    /// <summary><c>compare &lt;output prefix&gt; &lt;report.json&gt;...</c>: prints the table and writes both files.</summary>
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Cairn.Bench compare <output prefix> <report.json>...");
            return 2;
        }

        var reports = args[1..]
            .Select(path => JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), ReportFiles.Json)
                ?? throw new InvalidDataException($"{path} holds no report."))
            .ToList();
        var markdown = Markdown(reports);
        Console.WriteLine(markdown);
        var prefix = Path.GetFullPath(args[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(prefix)!);
        File.WriteAllText(prefix + ".md", markdown);
        File.WriteAllText(prefix + ".json", JsonSerializer.Serialize(reports, ReportFiles.Json));
        Console.WriteLine($"written: {prefix}.md, {prefix}.json");
        return 0;
    }

    public static string Markdown(IReadOnlyList<BenchReport> reports)
    {
        var text = new StringBuilder();
        var first = reports[0];
        text.AppendLine(CultureInfo.InvariantCulture,
            $"**Cairn bench — metadata stores side by side — {first.Mode.ToUpperInvariant()} mode — {first.StartedAt:yyyy-MM-dd HH:mm} UTC**").AppendLine();
        text.AppendLine(TableWriter.MachineLine(first)).AppendLine();
        foreach (var report in reports)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {report.Setup}: started {report.StartedAt:HH:mm} UTC, {report.DurationSeconds:0} s, load avg at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}");
        }

        text.AppendLine();
        text.Append("| scenario | measurement |");
        foreach (var report in reports)
        {
            text.Append(CultureInfo.InvariantCulture, $" {report.Setup} | cpu/request |");
        }

        text.AppendLine();
        text.Append("|---|---|").Append(string.Concat(reports.Select(_ => "---:|---:|"))).AppendLine();
        var rows = reports.Select(r => r.Rows.ToDictionary(Key)).ToList();
        foreach (var key in Keys(reports))
        {
            var any = rows.First(r => r.ContainsKey(key))[key];
            text.Append(CultureInfo.InvariantCulture, $"| {any.Scenario} | {any.Measurement.Replace("|", "\\|", StringComparison.Ordinal)} |");
            foreach (var row in rows.Select(r => r.GetValueOrDefault(key)))
            {
                text.Append(CultureInfo.InvariantCulture, $" {(row is null ? "—" : Figure(row))} | {(row is null ? "" : Cpu(row))} |");
            }

            text.AppendLine();
        }

        text.AppendLine();
        text.AppendLine("cpu/request: CPU time per request on the Cairn servers (summed over the nodes) + in PostgreSQL (postmaster and connection processes).");
        foreach (var report in reports)
        {
            foreach (var warning in report.Warnings)
            {
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"WARNING ({report.Setup}): {warning}");
            }
        }

        return text.ToString();
    }

    private static string Key(ResultRow row) => row.Scenario + "\n" + row.Measurement;

    /// <summary>Every measurement of every run, once, in run order: a row only some runs have follows the row before it in those runs.</summary>
    private static List<string> Keys(IEnumerable<BenchReport> reports)
    {
        var keys = new List<string>();
        foreach (var report in reports)
        {
            var previous = -1;
            foreach (var key in report.Rows.Select(Key))
            {
                var at = keys.IndexOf(key);
                if (at < 0)
                {
                    at = previous + 1;
                    keys.Insert(at, key);
                }

                previous = at;
            }
        }

        return keys;
    }

    /// <summary>"13,344 ops/s (p99 11.1 ms)", "0.085 s (PostgreSQL floor 0.040 s)".</summary>
    private static string Figure(ResultRow row)
    {
        var details = new List<string>();
        if (row.Limit is { } limit && row.LimitName is { } name && name.EndsWith("floor", StringComparison.Ordinal))
        {
            details.Add($"{name} {TableWriter.Format(limit, row.Unit)}");
        }

        if (row.P99Ms is { } p99)
        {
            details.Add("p99 " + TableWriter.Format(p99, "ms"));
        }

        return TableWriter.Format(row.Value, row.Unit) + (details.Count > 0 ? $" ({string.Join(", ", details)})" : "");
    }

    /// <summary>"87 µs + 40 µs": server and database CPU per request; empty when the row counts no requests.</summary>
    private static string Cpu(ResultRow row)
    {
        if (row.Operations is not { } operations || operations <= 0 || row.ServerCpuSeconds is not { } server)
        {
            return "";
        }

        static string Each(double seconds) => seconds >= 0.001
            ? (seconds * 1000).ToString(seconds >= 0.1 ? "N0" : "0.0", CultureInfo.InvariantCulture) + " ms"
            : (seconds * 1e6).ToString("N0", CultureInfo.InvariantCulture) + " µs";
        return row.DatabaseCpuSeconds is { } database
            ? $"{Each(server / operations)} + {Each(database / operations)}"
            : Each(server / operations);
    }
}
