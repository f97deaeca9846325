namespace Cairn.Bench.Measure;

/// <summary>What a <see cref="LoadRunner"/> run did: operations, errors, per-operation latencies (sorted) and CPU.</summary>
internal sealed record LoadResult(long Operations, long Errors, string? FirstError, double[] LatenciesMs, CpuUsage Cpu)
{
    public double OpsPerSecond => Cpu.Wall.TotalSeconds > 0 ? Operations / Cpu.Wall.TotalSeconds : 0;

    /// <summary>The p-th percentile (0..100) of latency in ms, nearest-rank; NaN when nothing ran.</summary>
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(rank, 0, LatenciesMs.Length - 1)];
    }
}
