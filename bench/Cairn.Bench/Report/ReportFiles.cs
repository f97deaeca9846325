using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Bench.Report;

/// <summary>
/// Writes a run's report: latest.json and latest.md, plus a timestamped copy of the JSON kept next to them. A partial
/// run (--only) writes only its timestamped copy (named with the scenarios it ran), so "latest" stays a whole run.
/// </summary>
internal static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IReadOnlyList<string> Write(BenchReport report, string directory, IReadOnlyCollection<int> only)
    {
        Directory.CreateDirectory(directory);
        var json = JsonSerializer.Serialize(report, Json);
        var suffix = only.Count == 0 ? "" : "-only-" + string.Join('-', only.Order());
        var stamped = Path.Combine(directory, $"{report.StartedAt:yyyyMMdd-HHmmss}-{report.Mode}{suffix}.json");
        File.WriteAllText(stamped, json);
        if (only.Count > 0)
        {
            return [stamped];
        }

        var latest = Path.Combine(directory, "latest.json");
        var markdown = Path.Combine(directory, "latest.md");
        File.WriteAllText(latest, json);
        File.WriteAllText(markdown, TableWriter.Markdown(report));
        return [latest, stamped, markdown];
    }
}
