using Npgsql;

namespace Cairn.Tests.Shared;

/// <summary>
/// The PostgreSQL server tests run against: its admin connection string comes from <c>CAIRN_TEST_POSTGRES</c>
/// (<c>.ci/run</c> starts a throwaway cluster and sets it; <c>.ci/postgres start DIR PORT</c> does the same on a
/// developer machine). Every test store gets a database of its own, created here and dropped when the test ends.
/// Without the variable a test that needs PostgreSQL is skipped, and fails under CI.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CAIRN_TEST_POSTGRES";

    public static string? AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsConfigured => AdminConnectionString is not null;

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
        NpgsqlConnection.ClearAllPools();
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

    private static string Missing()
    {
        Prerequisite.Missing("PostgreSQL", $"{Variable} is not set (start one with: .ci/postgres start /tmp/cairn-pg 55432)");
        return "";
    }
}
