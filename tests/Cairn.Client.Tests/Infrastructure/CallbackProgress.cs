using Cairn.Client.Progress;

namespace Cairn.Client.Tests.Infrastructure;

/// <summary>An <see cref="IProgress{T}"/> that runs its callback synchronously and keeps every report.</summary>
public sealed class CallbackProgress(Action<TransferProgress>? callback = null) : IProgress<TransferProgress>
{
    private readonly List<TransferProgress> _reports = [];

    public IReadOnlyList<TransferProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(TransferProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }

        callback?.Invoke(value);
    }

    /// <summary>Cancels <paramref name="source"/> once <paramref name="parts"/> parts are done: a user pressing pause.</summary>
    public static CallbackProgress PauseAfter(int parts, CancellationTokenSource source) =>
        new(p =>
        {
            if (p.PartsDone >= parts)
            {
                source.Cancel();
            }
        });
}
