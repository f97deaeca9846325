using Npgsql;

namespace Cairn.Tests.Shared;

/// <summary>
/// The PostgreSQL server tests run against: the one <c>CAIRN_TEST_POSTGRES</c> names (<c>.ci/run</c> starts a
/// throwaway cluster and sets it), or else a throwaway cluster the test process starts itself where PostgreSQL is
/// installed. Every test store gets a database of its own, created here and dropped when the test ends. Without
/// either, a test that needs PostgreSQL is skipped, and fails under CI.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CAIRN_TEST_POSTGRES";

    /// <summary>A cluster this test process started itself, when no server was named and PostgreSQL is installed.</summary>
    private static readonly Lazy<PostgresCluster?> OwnCluster = new(StartOwnCluster);

    /// <summary>
    /// The server named by <c>CAIRN_TEST_POSTGRES</c>, or else a throwaway cluster this test process starts once
    /// (when PostgreSQL is installed) and stops when it exits; null when there is neither.
    /// </summary>
    public static string? AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : OwnCluster.Value?.AdminConnectionString;

    /// <summary>The admin connection string; skips (or under CI fails) the current test when there is none.</summary>
    public static string RequireAdmin() =>
        AdminConnectionString ?? Missing();

    /// <summary>Creates an empty database and returns the connection string for it.</summary>
    public static string CreateDatabase() => CreateDatabase("TEMPLATE template0 ENCODING 'UTF8'");

    /// <summary>
    /// Creates a database with the given clauses of <c>CREATE DATABASE</c> (a template, a locale...) and returns the
    /// connection string for it.
    /// </summary>
    public static string CreateDatabase(string clauses)
    {
        var admin = RequireAdmin();
        var name = "cairn_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name} {clauses}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Runs one statement on the admin connection and returns its first value (null for none).</summary>
    public static object? Admin(string sql)
    {
        using var connection = new NpgsqlConnection(RequireAdmin());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is { } value and not DBNull ? value : null;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever is still connected to it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (AdminConnectionString is not { } admin || name is null || !name.StartsWith("cairn_test_", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // A server that went away takes its databases with it.
        }
    }

    private static PostgresCluster? StartOwnCluster()
    {
        if (!PostgresCluster.IsInstalled)
        {
            return null;
        }

        var cluster = PostgresCluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    }

    private static string Missing()
    {
        Prerequisite.Missing("PostgreSQL", $"{Variable} is not set and no PostgreSQL server is installed (apt-get install postgresql)");
        return "";
    }
}
