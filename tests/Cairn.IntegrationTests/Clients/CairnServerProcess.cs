using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// Cairn as a child process (<c>dotnet Cairn.Server.dll --data DIR --urls URL</c>), so a test can kill it
/// with SIGKILL and start it again on the same data directory. Each start takes a fresh free port.
/// </summary>
public sealed class CairnServerProcess : IAsyncDisposable
{
    private const string ReadyLine = "Cairn listening on ";
    private const int LogLines = 400;

    private readonly Process _process;
    private readonly Queue<string> _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private CairnServerProcess(Process process, Uri baseAddress, string accessKey, string secretKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        AccessKey = accessKey;
        SecretKey = secretKey;
    }

    public Uri BaseAddress { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>The last lines the server wrote (stdout and stderr interleaved), for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>
    /// Starts the server on <paramref name="dataDirectory"/> and returns once it prints its listening line
    /// (or, should that line change, accepts TCP connections). Fails the test with the server's output when
    /// it exits or is not ready within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<CairnServerProcess> StartAsync(
        string dataDirectory,
        string accessKey,
        string secretKey,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var variables = new Dictionary<string, string>(TestMetadata.EnvironmentFor(dataDirectory))
        {
            ["CAIRN_ROOT_USER"] = accessKey,
            ["CAIRN_ROOT_PASSWORD"] = secretKey,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        var startInfo = CreateStartInfo(["--data", dataDirectory, "--urls", $"http://127.0.0.1:{port}"], variables);

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new CairnServerProcess(process, baseAddress, accessKey, secretKey);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._ready.TrySetException(
            new InvalidOperationException("The server exited before it was ready."));
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start " + startInfo.ArgumentList[0]);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? TimeSpan.FromSeconds(90);
        var answered = await Eventually.WaitAsync(async () => server._ready.Task.IsCompleted || await AcceptsConnectionsAsync(port), limit);
        if (server._ready.Task.IsFaulted)
        {
            process.WaitForExit(); // exited: this only drains the output
            var code = process.ExitCode.ToString(CultureInfo.InvariantCulture);
            await server.DisposeAsync();
            Assert.Fail($"The server exited (code {code}) before it was ready:\n{server.Output}");
        }

        if (!answered)
        {
            await server.DisposeAsync();
            Assert.Fail($"The server was not ready within {limit.TotalSeconds:0}s:\n{server.Output}");
        }

        return server;
    }

    /// <summary>
    /// Runs the server with exactly <paramref name="args"/> (no --data or --urls added) until it exits, for
    /// starts that are meant to fail; returns its exit code and every line it wrote (stdout and stderr).
    /// Fails the test when it is still running after <paramref name="timeout"/> (the server is then killed).
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunToExitAsync(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var startInfo = CreateStartInfo(args, environment);
        var lines = new List<string>();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The server was still running after {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds:0}s:\n{string.Join('\n', Snapshot())}");
        }

        process.WaitForExit(); // drains the redirected output
        return (process.ExitCode, Snapshot());

        void Collect(string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }

        List<string> Snapshot()
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>An AWSSDK.S3 client with default settings and path-style addressing, for this instance.</summary>
    public AmazonS3Client CreateClient(Action<AmazonS3Config>? configure = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = BaseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        };
        configure?.Invoke(config);
        return new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), config);
    }

    /// <summary>SIGKILL (on Linux <see cref="Process.Kill(bool)"/> sends SIGKILL), then waits for the exit.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        if (!_process.WaitForExit(30_000))
        {
            throw new InvalidOperationException("The server did not exit within 30 s of SIGKILL.");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            Kill();
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLines)
            {
                _log.Dequeue();
            }
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>
    /// <c>dotnet Cairn.Server.dll ARGS</c> from the server's folder with redirected output, in an environment
    /// without the caller's CAIRN* and ASPNETCORE_URLS variables, with the management listener on a free port (so
    /// that servers started side by side never compete for the default one), plus <paramref name="environment"/>.
    /// </summary>
    private static ProcessStartInfo CreateStartInfo(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var serverDll = LocateServerAssembly();
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        startInfo.ArgumentList.Add(serverDll);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name &&
                (name.StartsWith("CAIRN", StringComparison.OrdinalIgnoreCase) ||
                 name.StartsWith("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase)))
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment["CAIRN__ManagementUrls"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    /// <summary>
    /// Cairn.Server.dll: beside the test assembly (the project reference copies it there) or, failing
    /// that, in the server project's own build output.
    /// </summary>
    private static string LocateServerAssembly()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Cairn.Server.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        // tests/Cairn.IntegrationTests/bin/<Configuration>/<tfm>/ -> src/Cairn.Server/bin/<Configuration>/<tfm>/
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent!.Name;
        for (var directory = tfmDirectory; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Cairn.Server", "bin", configuration, tfmDirectory.Name, "Cairn.Server.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"Cairn.Server.dll (with its runtimeconfig.json) was found neither in {AppContext.BaseDirectory} nor in src/Cairn.Server/bin.");
        return null!;
    }

    /// <summary>The dotnet host that runs the tests (DOTNET_HOST_PATH, set by the dotnet CLI), else dotnet on PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return ExternalTool.Find("dotnet") ?? "dotnet";
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
