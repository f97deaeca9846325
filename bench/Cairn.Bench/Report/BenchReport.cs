namespace Cairn.Bench.Report;

/// <summary>Everything one run measured, in the order measured; serialised as-is to results/*.json.</summary>
internal sealed class BenchReport
{
    private readonly Lock _lock = new();

    public required string Mode { get; init; }

    /// <summary>What the scenarios ran against: "SQLite, 1 node", "PostgreSQL, 2 nodes".</summary>
    public string? Setup { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required MachineInfo Machine { get; init; }
    public required string LoadAverageAtStart { get; init; }
    public string? LoadAverageAtEnd { get; set; }
    public double DurationSeconds { get; set; }
    public string? ServerCommit { get; set; }
    public List<ResultRow> Rows { get; } = [];

    /// <summary>Scenario failures and other things a reader must know (e.g. "scenario 5 failed: ...").</summary>
    public List<string> Warnings { get; } = [];

    public void Add(ResultRow row)
    {
        lock (_lock)
        {
            Rows.Add(row);
        }

        Console.Error.WriteLine("    " + TableWriter.Describe(row));
    }

    public void Warn(string warning)
    {
        lock (_lock)
        {
            Warnings.Add(warning);
        }

        Console.Error.WriteLine("    WARNING: " + warning);
    }
}
