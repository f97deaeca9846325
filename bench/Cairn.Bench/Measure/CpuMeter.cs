using System.Diagnostics;

namespace Cairn.Bench.Measure;

/// <summary>
/// Wall time plus the CPU time spent by this client process and by the server process over one measurement, so a
/// figure can say whether the client or the server was the busy side (on 2 shared cores, both compete).
/// </summary>
internal sealed class CpuMeter(int? serverPid)
{
    public Mark Start() => new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, serverPid is { } pid ? ProcStatus.ReadCpu(pid) : null);

    public CpuUsage Stop(Mark start)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp);
        var client = Environment.CpuUsage.TotalTime - start.Client;
        TimeSpan? server = serverPid is { } pid && start.Server is { } s0 && ProcStatus.ReadCpu(pid) is { } s1 ? s1 - s0 : null;
        return new CpuUsage(wall, client, server);
    }

    public readonly record struct Mark(long Timestamp, TimeSpan Client, TimeSpan? Server);
}
