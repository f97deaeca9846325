using System.Collections.Concurrent;
using Cairn.Server.Hosting;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// Which metadata store the integration suite's servers run on. By default the embedded SQLite database; with
/// <c>CAIRN_TEST_METADATA=postgres</c> (and <see cref="TestPostgres"/> configured) every data directory a test uses
/// gets a PostgreSQL database of its own, the same one each time the test restarts a server on that directory, so
/// the whole suite runs against PostgreSQL unchanged. The databases are dropped when the test process ends.
/// </summary>
public static class TestMetadata
{
    public const string Variable = "CAIRN_TEST_METADATA";

    private static readonly ConcurrentDictionary<string, Lazy<string>> Databases = new(StringComparer.Ordinal);

    static TestMetadata() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();

    /// <summary>Whether this run's servers keep their metadata in PostgreSQL.</summary>
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable(Variable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The metadata connection string for a server on <paramref name="dataDirectory"/>; null for SQLite.</summary>
    public static string? ConnectionStringFor(string dataDirectory) =>
        IsPostgres
            ? Databases.GetOrAdd(Path.GetFullPath(dataDirectory), _ => new Lazy<string>(TestPostgres.CreateDatabase)).Value
            : null;

    /// <summary>Points <paramref name="options"/> at this run's metadata store for its data directory.</summary>
    public static CairnOptions Apply(CairnOptions options)
    {
        options.Metadata.ConnectionString = ConnectionStringFor(options.DataDirectory);
        return options;
    }

    /// <summary>
    /// Puts <paramref name="options"/> on the embedded SQLite database whatever this run's store, for the tests whose
    /// subject is that database itself (its files, its locks, its migrations, its writes on a full volume).
    /// </summary>
    public static CairnOptions Embedded(CairnOptions options)
    {
        options.Metadata.ConnectionString = null;
        return options;
    }

    /// <summary>The environment that keeps a server process on the embedded SQLite database (see <see cref="Embedded"/>).</summary>
    public static IReadOnlyDictionary<string, string> EmbeddedEnvironment { get; } =
        new Dictionary<string, string> { ["CAIRN__METADATA__CONNECTIONSTRING"] = "" };

    /// <summary>Environment variables that give a server process the same metadata store (none for SQLite).</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(string dataDirectory) =>
        ConnectionStringFor(dataDirectory) is { } connectionString
            ? new Dictionary<string, string> { ["CAIRN__METADATA__CONNECTIONSTRING"] = connectionString }
            : new Dictionary<string, string>();

    private static void DropAll()
    {
        foreach (var database in Databases.Values.Where(d => d.IsValueCreated))
        {
            TestPostgres.DropDatabase(database.Value);
        }
    }
}
