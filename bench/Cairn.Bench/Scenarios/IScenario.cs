namespace Cairn.Bench.Scenarios;

/// <summary>One numbered scenario of the issue; it adds its rows to the report and cleans up what it stored.</summary>
internal interface IScenario
{
    int Number { get; }

    string Title { get; }

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
