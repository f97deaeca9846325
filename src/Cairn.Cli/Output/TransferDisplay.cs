using Cairn.Client.Progress;
using Spectre.Console;

namespace Cairn.Cli.Output;

/// <summary>
/// Shows transfer progress on stderr: Spectre.Console bars when stderr is a terminal, one plain line every
/// couple of seconds when it is a file or pipe (CI logs), nothing with <c>--no-progress</c> or <c>--json</c>.
/// Both count as done only finished parts (acknowledged by the server, or written in full), and show the bytes
/// of unfinished parts apart as "in flight": a part cut off by a pause or a failure is sent again.
/// </summary>
internal abstract class TransferDisplay
{
    public static TransferDisplay Create(bool enabled, TextWriter error) =>
        !enabled ? new NoDisplay()
        : Console.IsErrorRedirected ? new PlainDisplay(error)
        : new BarDisplay(error);

    /// <summary>Runs <paramref name="transfer"/> with a progress sink labelled <paramref name="label"/>.</summary>
    public abstract Task<T> RunAsync<T>(string label, Func<IProgress<TransferProgress>?, Task<T>> transfer);

    /// <summary>How it moves: "106.3 MiB/s, ETA 0:07, 8.0 MiB in flight" (ETA and in flight only when there are any).</summary>
    public static string Movement(TransferProgress p)
    {
        var eta = p.EstimatedRemaining is { } left ? ", ETA " + DurationText.Format(left) : string.Empty;
        var inFlight = p.BytesInFlight > 0 ? $", {ByteSize.Format(p.BytesInFlight)} in flight" : string.Empty;
        return $"{ByteSize.Format(p.BytesPerSecond)}/s{eta}{inFlight}";
    }

    /// <summary>Invokes the callback on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class DirectProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }

    private sealed class NoDisplay : TransferDisplay
    {
        public override Task<T> RunAsync<T>(string label, Func<IProgress<TransferProgress>?, Task<T>> transfer) => transfer(null);
    }

    private sealed class PlainDisplay(TextWriter error) : TransferDisplay
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

        public override async Task<T> RunAsync<T>(string label, Func<IProgress<TransferProgress>?, Task<T>> transfer)
        {
            var gate = new Lock();
            TimeSpan? last = null;
            TransferProgress? latest = null;
            var sink = new DirectProgress(p =>
            {
                lock (gate)
                {
                    latest = p;
                    if (last is { } previous && p.Elapsed - previous < Interval)
                    {
                        return;
                    }

                    last = p.Elapsed;
                    error.WriteLine(Describe(label, p));
                }
            });
            var result = await transfer(sink).ConfigureAwait(false);
            lock (gate)
            {
                if (latest is not null && latest.Elapsed != last)
                {
                    error.WriteLine(Describe(label, latest));
                }
            }

            return result;
        }

        private static string Describe(string label, TransferProgress p)
        {
            var amount = p.TotalBytes is { } total
                ? $"{ByteSize.Format(p.BytesDone)} / {ByteSize.Format(total)} ({(total == 0 ? 100 : p.BytesDone * 100.0 / total):0}%) done"
                : $"{ByteSize.Format(p.BytesDone)} done";
            var parts = p.TotalParts is { } count ? $"{p.PartsDone}/{count} parts" : $"{p.PartsDone} parts";
            return $"{label}: {amount}, {parts}, {Movement(p)}";
        }
    }

    private sealed class BarDisplay(TextWriter error) : TransferDisplay
    {
        // Interactive is forced: stderr is a terminal (checked by Create), but Spectre would otherwise turn live
        // rendering off whenever stdin is redirected, as in `tar c . | cairn cp - s3://b/k`.
        private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Interactive = InteractionSupport.Yes,
        });

        public override Task<T> RunAsync<T>(string label, Func<IProgress<TransferProgress>?, Task<T>> transfer) =>
            _console.Progress()
                .AutoClear(false)
                .Columns(
                    new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new DownloadedColumn(), new TransferStatusColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(label), maxValue: 1);
                    task.IsIndeterminate = true;
                    var sink = new DirectProgress(p =>
                    {
                        task.Tag = p;
                        if (p.TotalBytes is { } total)
                        {
                            task.IsIndeterminate = false;
                            task.MaxValue = Math.Max(total, 1);
                        }
                        else
                        {
                            task.MaxValue = Math.Max(p.BytesDone, 1);
                        }

                        task.Value = p.BytesDone;
                    });
                    var result = await transfer(sink).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    task.StopTask();
                    return result;
                });
    }
}
