using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Cairn.Client.IO;

/// <summary>
/// Runs a body over a set of items with at most N at once. The first real failure stops the others (no point
/// sending more parts of an upload that cannot finish) and is rethrown; a cancellation by the caller wins over
/// failures, so a pause always surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
internal static class ParallelWork
{
    public static async Task RunAsync<T>(IReadOnlyCollection<T> items, int concurrency, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = new ConcurrentQueue<T>(items);
        Exception? first = null;

        async Task WorkerAsync()
        {
            while (!failFast.IsCancellationRequested && queue.TryDequeue(out var item))
            {
                try
                {
                    await body(item, failFast.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    if (!(e is OperationCanceledException && failFast.IsCancellationRequested))
                    {
                        Interlocked.CompareExchange(ref first, e, null);
                    }

                    await failFast.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }

        var workers = Math.Clamp(items.Count, 1, Math.Max(concurrency, 1));
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync, CancellationToken.None))).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }
}
