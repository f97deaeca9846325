using System.Diagnostics;
using Cairn.Bench.Measure;

namespace Cairn.Bench.Processes;

/// <summary>
/// A server the bench starts itself (a Cairn on a seeded or fresh data dir, or the bare Kestrel baseline): started,
/// awaited until it prints its "... listening on http://..." line, and stopped by PID with SIGTERM (then SIGKILL
/// after 20 s). Its output is kept (last 50 lines) for the error message if it fails to start.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly PidFile _pids;
    private readonly Queue<string> _tail = new();
    private bool _stopped;

    private ChildProcess(Process process, PidFile pids, Uri baseAddress)
    {
        _process = process;
        _pids = pids;
        BaseAddress = baseAddress;
    }

    public int Pid => _process.Id;

    public Uri BaseAddress { get; }

    /// <summary>
    /// Starts <paramref name="fileName"/> and waits for a stdout line starting with <paramref name="readyPrefix"/>
    /// followed by the URL (up to the next space).
    /// </summary>
    public static async Task<ChildProcess> StartAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string readyPrefix,
        PidFile pids, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        pids.Add(process.Id);
        var tail = new Queue<string>();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 50)
                {
                    tail.Dequeue();
                }
            }

            var at = line.IndexOf(readyPrefix, StringComparison.Ordinal);
            if (at >= 0)
            {
                var url = line[(at + readyPrefix.Length)..].Trim().Split(' ')[0];
                ready.TrySetResult(new Uri(url.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        var exited = process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(Timeout.Infinite, timeout.Token));
        if (first != ready.Task)
        {
            var child = new ChildProcess(process, pids, new Uri("http://127.0.0.1/"));
            await child.StopAsync();
            string output;
            lock (tail)
            {
                output = string.Join('\n', tail);
            }

            throw new InvalidOperationException($"{fileName} did not report \"{readyPrefix}\" (exit: {(process.HasExited ? process.ExitCode : "none")}):\n{output}");
        }

        var started = new ChildProcess(process, pids, await ready.Task);
        lock (tail)
        {
            foreach (var line in tail)
            {
                started._tail.Enqueue(line);
            }
        }

        return started;
    }

    /// <summary>SIGTERM, wait up to 20 s for a graceful exit, then SIGKILL.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (!_process.HasExited)
        {
            Native.Terminate(_process.Id);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _pids.Remove(_process.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
