using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// Finds and runs the external programs the client tests drive (aws cli, python3 with boto3).
/// A missing tool skips the test on a developer machine and fails it when <c>CI=true</c>: CI must
/// never go green because a client silently was not there.
/// </summary>
public static class ExternalTool
{
    public static bool IsCi => Prerequisite.IsCi;

    /// <summary>The full path of <paramref name="command"/> (a name looked up on PATH, or a path), or a skip/failure.</summary>
    public static string Require(string command)
    {
        var path = Find(command);
        if (path is null)
        {
            Unavailable($"'{command}' was not found on PATH ({Environment.GetEnvironmentVariable("PATH")})");
        }

        return path;
    }

    /// <summary>python3 (from PATH) once it is known to import <paramref name="module"/>; otherwise a skip/failure.</summary>
    public static async Task<string> RequirePythonModuleAsync(string module)
    {
        var python = Require("python3");
        var probe = await RunAsync(python, ["-c", $"import {module}; print({module}.__version__)"], timeout: TimeSpan.FromSeconds(60));
        if (probe.ExitCode != 0)
        {
            Unavailable($"'{python}' cannot import {module}:\n{probe.Describe()}");
        }

        return python;
    }

    /// <summary>Skips the current test, or fails it when running under CI.</summary>
    [DoesNotReturn]
    public static void Unavailable(string reason) => Prerequisite.Missing("external tool", reason);

    /// <summary>The full path of an executable, or null. A name with a directory part is checked as a path.</summary>
    public static string? Find(string command)
    {
        if (command.Contains(Path.DirectorySeparatorChar))
        {
            return IsExecutable(command) ? Path.GetFullPath(command) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }

    /// <summary>
    /// Runs a program to completion with a timeout (the whole process tree is killed when it runs out),
    /// capturing stdout and stderr. <paramref name="environment"/> entries replace inherited variables;
    /// a null value removes one.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(name);
                }
                else
                {
                    startInfo.Environment[name] = value;
                }
            }
        }

        var commandLine = string.Join(' ', new[] { fileName }.Concat(startInfo.ArgumentList.Select(Quote)));
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {commandLine}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var cts = new CancellationTokenSource(limit);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited between the timeout and the kill.
            }

            await process.WaitForExitAsync();
        }

        var result = new ProcessResult(
            commandLine,
            timedOut ? -1 : process.ExitCode,
            await stdout,
            await stderr,
            stopwatch.Elapsed,
            timedOut);
        if (timedOut)
        {
            Assert.Fail($"Timed out after {limit.TotalSeconds:0}s:\n{result.Describe()}");
        }

        return result;
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}

/// <summary>The outcome of one finished child process.</summary>
public sealed record ProcessResult(
    string CommandLine,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Elapsed,
    bool TimedOut)
{
    /// <summary>The command, exit code and both streams, for assertion messages.</summary>
    public string Describe() =>
        $"$ {CommandLine}\nexit code: {(TimedOut ? "timed out" : ExitCode.ToString())} after {Elapsed.TotalSeconds:0.0}s\n" +
        $"--- stdout ---\n{Tail(StandardOutput)}\n--- stderr ---\n{Tail(StandardError)}\n--------------";

    /// <summary>Fails the test (with both streams in the message) unless the exit code is 0.</summary>
    public ProcessResult EnsureSuccess(string? what = null)
    {
        if (ExitCode != 0)
        {
            Assert.Fail($"{what ?? "Command"} failed:\n{Describe()}");
        }

        return this;
    }

    private static string Tail(string text, int max = 12_000) =>
        text.Length <= max ? text : "[... " + (text.Length - max) + " chars cut ...]\n" + text[^max..];
}
