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

    /// <summary>The file in a cluster's root naming the test process that made it.</summary>
    private const string OwnerFile = "owner.pid";

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

        RemoveLeftovers();
        var cluster = new PostgresCluster(FreePort());
        Directory.CreateDirectory(cluster._root);
        File.WriteAllText(Path.Combine(cluster._root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
    /// Clusters of earlier test processes that ended without stopping or removing them (a test host does not always
    /// wait for its exit handlers): one whose owning process is gone is stopped and removed.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var root in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (OwnerIsAlive(root))
            {
                continue;
            }

            try
            {
                if (File.Exists(Path.Combine(root, "cluster", "postmaster.pid")))
                {
                    Run("stop", Path.Combine(root, "cluster"));
                }

                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
            }
        }
    }

    /// <summary>
    /// Whether the test process that made the cluster in <paramref name="root"/> still runs. A cluster without an owner
    /// file is one being made right now (the file follows its directory at once) unless it is older than a minute.
    /// </summary>
    private static bool OwnerIsAlive(string root)
    {
        var ownerFile = Path.Combine(root, OwnerFile);
        if (!File.Exists(ownerFile))
        {
            return Directory.GetCreationTimeUtc(root) > DateTime.UtcNow.AddMinutes(-1);
        }

        try
        {
            using var owner = Process.GetProcessById(int.Parse(File.ReadAllText(ownerFile), System.Globalization.CultureInfo.InvariantCulture));
            return !owner.HasExited;
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidOperationException)
        {
            return false; // no such process any more
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
