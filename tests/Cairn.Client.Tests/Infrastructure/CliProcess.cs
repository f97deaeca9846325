using System.Diagnostics;
using System.Text;

namespace Cairn.Client.Tests.Infrastructure;

/// <summary>
/// The built <c>cairn</c> CLI run as a child process (<c>dotnet cairn.dll ...</c>), as a user would run it, so
/// tests can pipe stdin, read exit codes and JSON, and kill it with SIGKILL. HOME points at a temp folder and
/// the AWS variables at the test server, so nothing of the machine's own configuration leaks in.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    private CliProcess(Process process)
    {
        _process = process;
        _stdoutPump = PumpAsync(process.StandardOutput, _stdout);
        _stderrPump = PumpAsync(process.StandardError, _stderr);
    }

    public int Id => _process.Id;

    public Stream StandardInput => _process.StandardInput.BaseStream;

    public bool HasExited => _process.HasExited;

    public static CliProcess Start(CliEnvironment environment, params string[] args) =>
        Launch(environment, DotnetHost(), [CliAssembly.Value, .. args]);

    /// <summary>Runs a shell command line in which <c>cairn</c> is the built CLI, e.g. <c>cat f | cairn cp - s3://b/k</c>.</summary>
    public static async Task<CliResult> RunShellAsync(CliEnvironment environment, string commandLine, TimeSpan? timeout = null)
    {
        var prefix = $"cairn() {{ '{DotnetHost()}' '{CliAssembly.Value}' \"$@\"; }}; set -o pipefail; ";
        using var cli = Launch(environment, "bash", ["-c", prefix + commandLine]);
        cli.StandardInput.Close();
        return await cli.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
    }

    private static CliProcess Launch(CliEnvironment environment, string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = environment.Home,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = environment.Home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment.Variables)
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the CLI."));
    }

    /// <summary>Runs to completion (closing stdin at once unless <paramref name="stdin"/> is given) and returns the result.</summary>
    public static async Task<CliResult> RunAsync(CliEnvironment environment, string[] args, Stream? stdin = null, TimeSpan? timeout = null)
    {
        using var cli = Start(environment, args);
        if (stdin is not null)
        {
            await stdin.CopyToAsync(cli.StandardInput);
        }

        cli.StandardInput.Close();
        return await cli.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
    }

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"cairn did not finish within {timeout}.\nstdout:\n{_stdout}\nstderr:\n{_stderr}");
        }

        await Task.WhenAll(_stdoutPump, _stderrPump);
        return new CliResult(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
    }

    /// <summary>SIGKILL for the whole process tree: no handler runs, nothing is flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// SIGINT, as Ctrl-C in a terminal sends. A process started in the background by a non-interactive shell
    /// inherits SIGINT as ignored (and so would the CLI), so then SIGTERM is sent, which the CLI handles the same way.
    /// </summary>
    public void Interrupt()
    {
        var signal = SigIntIgnored() ? "-TERM" : "-INT";
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static bool SigIntIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << (2 - 1))) != 0;
    }

    public string Output
    {
        get
        {
            lock (_stderr)
            {
                return $"stdout:\n{_stdout}\nstderr:\n{_stderr}";
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (sink)
            {
                sink.Append(buffer, 0, read);
            }
        }
    }

    private static readonly Lazy<string> CliAssembly = new(() =>
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "cairn.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        // tests/Cairn.Client.Tests/bin/<Configuration>/<tfm>/ -> src/Cairn.Cli/bin/<Configuration>/<tfm>/cairn.dll
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!.Name;
        for (var directory = tfm; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Cairn.Cli", "bin", configuration, tfm.Name, "cairn.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"cairn.dll not found under src/Cairn.Cli/bin/{configuration}/{tfm.Name}; build the solution first.");
    });

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
