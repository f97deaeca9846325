using System.Globalization;
using System.Text;

namespace Cairn.Bench.Report;

/// <summary>Renders a <see cref="BenchReport"/> as the console table and as the Markdown table bench/README.md quotes.</summary>
internal static class TableWriter
{
    private static readonly string[] Headers = ["scenario", "measurement", "cairn", "limit", "ratio", "target", "mark", "notes"];

    public static string Text(BenchReport report)
    {
        var rows = report.Rows.Select(Cells).ToList();
        var widths = Enumerable.Range(0, Headers.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(Headers[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Title(report));
        text.AppendLine(MachineLine(report));
        void Line(string[] cells)
        {
            for (var i = 0; i < cells.Length - 1; i++)
            {
                var right = i is 2 or 3 or 4;
                text.Append(right ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i])).Append("  ");
            }

            text.AppendLine(cells[^1]);
        }

        Line(Headers);
        Line(widths.Select(w => new string('-', w)).Append("-----").ToArray());
        string? scenario = null;
        foreach (var (row, cells) in report.Rows.Zip(rows))
        {
            if (scenario is not null && row.Scenario != scenario)
            {
                text.AppendLine();
            }

            scenario = row.Scenario;
            Line(cells);
        }

        foreach (var warning in report.Warnings)
        {
            text.AppendLine("WARNING: " + warning);
        }

        return text.ToString();
    }

    public static string Markdown(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("**" + Title(report) + "**").AppendLine();
        text.AppendLine(MachineLine(report)).AppendLine();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Join("|", Headers.Select((_, i) => i is 2 or 3 or 4 ? "---:" : "---")) + "|");
        foreach (var cells in report.Rows.Select(Cells))
        {
            text.AppendLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        foreach (var warning in report.Warnings)
        {
            text.AppendLine().Append("WARNING: ").AppendLine(warning);
        }

        return text.ToString();
    }

    /// <summary>One row as a progress line.</summary>
    public static string Describe(ResultRow row)
    {
        var c = Cells(row);
        return $"{c[1]}: {c[2]}" + (row.Limit is null ? "" : $" (limit {c[3]}, {c[4]})") + (c[6].Length > 0 ? $" {c[6]} [{c[5]}]" : "")
            + (c[7].Length > 0 ? $" — {c[7]}" : "");
    }

    public static string Format(double value, string unit)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        var number = unit switch
        {
            "s" => value.ToString("0.000", CultureInfo.InvariantCulture),
            "ms" => value < 10 ? value.ToString("0.00", CultureInfo.InvariantCulture) : value < 100 ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("N0", CultureInfo.InvariantCulture),
            _ => value < 10 ? value.ToString("0.00", CultureInfo.InvariantCulture) : value.ToString("N0", CultureInfo.InvariantCulture),
        };
        return number + " " + unit;
    }

    private static string[] Cells(ResultRow row) =>
    [
        row.Scenario,
        row.Measurement,
        Format(row.Value, row.Unit),
        row.Limit is { } limit ? $"{Format(limit, row.Unit)} {row.LimitName}".TrimEnd() : "—",
        row.Ratio is { } ratio ? (ratio * 100).ToString(ratio < 0.1 ? "0.0" : "N0", CultureInfo.InvariantCulture) + " %" : "—",
        row.Target ?? "—",
        row.Mark,
        Notes(row),
    ];

    private static string Notes(ResultRow row)
    {
        var parts = new List<string>();
        if (row.P50Ms is { } p50 && row.P99Ms is { } p99)
        {
            parts.Add($"p50 {Format(p50, "ms")}, p99 {Format(p99, "ms")}");
        }

        if (!string.IsNullOrEmpty(row.Notes))
        {
            parts.Add(row.Notes);
        }

        return string.Join("; ", parts);
    }

    private static string Title(BenchReport report) =>
        $"Cairn bench — {report.Mode.ToUpperInvariant()} mode{(report.Mode == "quick" ? " (reduced sizes, see bench/README.md)" : "")} — "
        + (report.Setup is { } setup ? setup + " — " : "")
        + $"{report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.DurationSeconds:0} s";

    public static string MachineLine(BenchReport report)
    {
        var m = report.Machine;
        return $"machine: {m.Processors} cores ({m.CpuModel}), {m.MemoryGiB} GiB RAM, disk: {m.Disk}; kernel {m.Kernel}; {m.Runtime}; "
            + $"load avg at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd ?? "?"}"
            + (report.ServerCommit is { } commit ? $"; cairn {commit}" : "");
    }
}
