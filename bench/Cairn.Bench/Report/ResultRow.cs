using System.Text.Json.Serialization;
using Cairn.Bench.Measure;

namespace Cairn.Bench.Report;

/// <summary>
/// One figure of the table: Cairn's value beside the limit it is measured against, their ratio (higher is better:
/// value/limit for rates, limit/value for times), the target and whether it was met. A measuring instrument,
/// not a test: a MISS is reported, never thrown.
/// </summary>
internal sealed record ResultRow
{
    public required string Scenario { get; init; }
    public required string Measurement { get; init; }
    public required double Value { get; init; }
    public required string Unit { get; init; }

    /// <summary>The limit in the same unit (null when the figure has none, e.g. RSS).</summary>
    public double? Limit { get; init; }

    /// <summary>Which limit: "disk write", "MD5", "bare Kestrel"...</summary>
    public string? LimitName { get; init; }

    /// <summary>True for times and memory: the ratio is then limit / value.</summary>
    public bool LowerIsBetter { get; init; }

    public string? Target { get; init; }

    /// <summary>Null = no target for this figure (informational).</summary>
    public bool? Met { get; init; }

    public double? P50Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? WallSeconds { get; init; }
    public double? ClientCpuSeconds { get; init; }
    public double? ServerCpuSeconds { get; init; }

    /// <summary>CPU of the PostgreSQL server (postmaster and connection processes), when the metadata is there.</summary>
    public double? DatabaseCpuSeconds { get; init; }

    /// <summary>Requests the CPU seconds were spent on (null when the row is not a count of requests).</summary>
    public long? Operations { get; init; }

    public string? Notes { get; init; }

    public double? Ratio => Limit is { } limit && limit > 0 && Value > 0 ? (LowerIsBetter ? limit / Value : Value / limit) : null;

    [JsonIgnore]
    public string Mark => Met switch { true => "PASS", false => "MISS", null => "" };

    /// <summary>Copies wall and CPU seconds from a measurement and appends its description to the notes.</summary>
    public ResultRow WithCpu(CpuUsage cpu) => this with
    {
        WallSeconds = cpu.Wall.TotalSeconds,
        ClientCpuSeconds = cpu.Client.TotalSeconds,
        ServerCpuSeconds = cpu.Server?.TotalSeconds,
        DatabaseCpuSeconds = cpu.Database?.TotalSeconds,
        Notes = string.IsNullOrEmpty(Notes) ? cpu.Describe() : Notes + "; " + cpu.Describe(),
    };
}
