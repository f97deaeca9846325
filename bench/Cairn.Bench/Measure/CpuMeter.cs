using System.Diagnostics;

namespace Cairn.Bench.Measure;

/// <summary>
/// Wall time plus the CPU time spent by this client process, by the server processes (summed over the nodes) and, on
/// PostgreSQL, by the database (the postmaster and its connection processes) over one measurement, so a figure can say
/// which side was busy (on 2 shared cores, all of them compete).
/// </summary>
internal sealed class CpuMeter(IReadOnlyList<int> serverPids, int? databasePid = null)
{
    public Mark Start() => new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, ServerCpu(), DatabaseCpu());

    public CpuUsage Stop(Mark start)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp);
        var client = Environment.CpuUsage.TotalTime - start.Client;
        TimeSpan? server = start.Server is { } s0 && ServerCpu() is { } s1 ? s1 - s0 : null;
        TimeSpan? database = start.Database is { } d0 && DatabaseCpu() is { } d1 ? d1 - d0 : null;
        return new CpuUsage(wall, client, server, database);
    }

    /// <summary>The servers' CPU so far; null when any of them cannot be read (or there is none).</summary>
    private TimeSpan? ServerCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var pid in serverPids)
        {
            if (ProcStatus.ReadCpu(pid) is not { } cpu)
            {
                return null;
            }

            total += cpu;
        }

        return serverPids.Count > 0 ? total : null;
    }

    private TimeSpan? DatabaseCpu() => databasePid is { } pid ? ProcStatus.ReadTreeCpu(pid) : null;

    public readonly record struct Mark(long Timestamp, TimeSpan Client, TimeSpan? Server, TimeSpan? Database);
}
