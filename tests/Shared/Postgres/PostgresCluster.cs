using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cairn.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster of a test's own (a temp data directory, a free loopback port), started and stopped
/// with the repository's <c>.ci/postgres</c> script, for tests that must stop or restart the database under a running
/// server. Needs Debian's <c>postgresql</c> package; without it the test is skipped, and fails under CI.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string Prefix = "cairn-pg-";

    private readonly string _root = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N")[..12]);

    private PostgresCluster(int port) => Port = port;

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "cluster");

    /// <summary>The admin connection string (superuser, database <c>postgres</c>).</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    /// <summary>Whether this machine has a PostgreSQL server to start.</summary>
    public static bool IsInstalled => Directory.Exists("/usr/lib/postgresql") &&
        Directory.GetDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "pg_ctl")));

    /// <summary>Creates and starts a cluster; skips (or under CI fails) the test when PostgreSQL is not installed.</summary>
    public static PostgresCluster Start()
    {
        if (!IsInstalled)
        {
            Prerequisite.Missing("PostgreSQL server", "no pg_ctl under /usr/lib/postgresql (apt-get install postgresql)");
        }

        RemoveStoppedLeftovers();
        var cluster = new PostgresCluster(FreePort());
        Directory.CreateDirectory(cluster._root);
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
        {
            // The server runs as 'postgres' and must be able to reach its directory.
            File.SetUnixFileMode(cluster._root, (UnixFileMode)0b111_101_101);
        }

        cluster.StartAgain();
        return cluster;
    }

    /// <summary>Starts the (stopped) cluster again on the same port and data.</summary>
    public void StartAgain() => Run("start", DataDirectory, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Stops the cluster (fast shutdown: open connections are cut, as in a restart or a crash of the database).</summary>
    public void Stop() => Run("stop", DataDirectory);

    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Clusters of earlier test processes that stopped their server but were ended before removing its files (a test
    /// host does not always wait for that): no server runs on them, so they go.
    /// </summary>
    private static void RemoveStoppedLeftovers()
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            // Stopping a server removes its postmaster.pid, which touches the cluster directory: one stopped for a
            // moment by a running test (a restart) is recent, and stays.
            var cluster = Path.Combine(root, "cluster");
            var touched = Directory.GetLastWriteTimeUtc(Directory.Exists(cluster) ? cluster : root);
            if (!File.Exists(Path.Combine(cluster, "postmaster.pid")) && touched < DateTime.UtcNow.AddMinutes(-10))
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static void Run(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Script());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($".ci/postgres {string.Join(' ', args)} failed: {error}{output.Result}");
        }
    }

    /// <summary>The repository's <c>.ci/postgres</c>, found from the test binaries upwards.</summary>
    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".ci", "postgres");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("No .ci/postgres above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
