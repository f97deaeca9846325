using System.Diagnostics;

namespace Cairn.Bench.Measure;

/// <summary>
/// Runs one asynchronous operation from <c>concurrency</c> workers at once: each worker takes the next index, runs the
/// operation, records its latency and goes on, until the time budget or the operation count is used up. Failures are
/// counted (not thrown) so one bad request does not lose the figure; after 1,000 failures the run stops.
/// </summary>
internal static class LoadRunner
{
    private const int MaxErrors = 1000;

    public static async Task<LoadResult> RunAsync(
        int concurrency, TimeSpan? duration, long? maxOperations, CpuMeter meter,
        Func<long, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        long next = -1;
        long errors = 0;
        string? firstError = null;
        var latencies = new List<double>[concurrency];
        var start = meter.Start();
        var deadline = duration is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;

        async Task WorkerAsync(int worker)
        {
            var mine = latencies[worker] = new List<double>(1024);
            while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline && Interlocked.Read(ref errors) < MaxErrors)
            {
                var index = Interlocked.Increment(ref next);
                if (maxOperations is { } max && index >= max)
                {
                    return;
                }

                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await operation(index, cancellationToken);
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        firstError = e.Message;
                    }
                }
            }
        }

        var workers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var worker = i;
            workers[i] = Task.Run(() => WorkerAsync(worker), cancellationToken);
        }

        await Task.WhenAll(workers);
        var cpu = meter.Stop(start);
        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(all.Length, errors, firstError, all, cpu);
    }
}
