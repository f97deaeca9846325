using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Bench.Report;

/// <summary>
/// Writes a run's report: latest.json and latest.md, plus a timestamped copy of the JSON kept next to them. A partial
/// run (--only) or a run on PostgreSQL writes only its timestamped copy (named with the scenarios it ran and the
/// setup), so "latest" stays a whole run on the default setup (SQLite, one node).
/// </summary>
internal static class ReportFiles
{
    /// <summary>How reports are written and read back (the side-by-side table reads the runs' JSON).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IReadOnlyList<string> Write(BenchReport report, string directory, IReadOnlyCollection<int> only, bool defaultSetup)
    {
        Directory.CreateDirectory(directory);
        var json = JsonSerializer.Serialize(report, Json);
        var suffix = (defaultSetup ? "" : "-" + Slug(report.Setup ?? "")) + (only.Count == 0 ? "" : "-only-" + string.Join('-', only.Order()));
        var stamped = Path.Combine(directory, $"{report.StartedAt:yyyyMMdd-HHmmss}-{report.Mode}{suffix}.json");
        File.WriteAllText(stamped, json);
        if (only.Count > 0 || !defaultSetup)
        {
            return [stamped];
        }

        var latest = Path.Combine(directory, "latest.json");
        var markdown = Path.Combine(directory, "latest.md");
        File.WriteAllText(latest, json);
        File.WriteAllText(markdown, TableWriter.Markdown(report));
        return [latest, stamped, markdown];
    }

    /// <summary>"PostgreSQL, 2 nodes" → "postgresql-2-nodes".</summary>
    private static string Slug(string text) =>
        string.Join('-', text.ToLowerInvariant().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries));
}
