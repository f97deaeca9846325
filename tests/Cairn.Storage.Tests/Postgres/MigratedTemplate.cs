using System.Security.Cryptography;
using System.Text;
using Cairn.Storage.Postgres;
using Cairn.Storage.Postgres.Migrations;
using Cairn.Tests.Shared;
using Npgsql;

namespace Cairn.Storage.Tests.Postgres;

/// <summary>
/// A database at the current schema, which the contract tests' databases are copied from: copying it costs what
/// creating an empty one costs, and saves applying the schema to each. Its name carries a hash of the schema steps,
/// so it is made once per schema and kept on the server for later runs (a changed step makes a new one). It is
/// published whole: migrated under a draft name without pooling, closed to connections (PostgreSQL copies a database
/// only while no session is connected to it), then renamed; when another test process published the same schema
/// first, the draft is dropped and theirs is used.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<string> Name = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A fresh database at the current schema version; its connection string.</summary>
    public static string CreateDatabase()
    {
        TestPostgres.RequireAdmin();
        return TestPostgres.CreateDatabase($"TEMPLATE {Name.Value}");
    }

    private static string Publish()
    {
        var name = "cairn_test_template_" + SchemaHash();
        if (TestPostgres.Admin($"SELECT 1 FROM pg_database WHERE datname = '{name}'") is not null)
        {
            return name;
        }

        var draft = TestPostgres.CreateDatabase();
        try
        {
            var unpooled = new NpgsqlConnectionStringBuilder(draft) { Pooling = false };
            PostgresMetadataStore.OpenAsync(unpooled.ConnectionString, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult().Dispose();
            TestPostgres.Admin($"ALTER DATABASE {unpooled.Database} ALLOW_CONNECTIONS false");
            TestPostgres.Admin($"ALTER DATABASE {unpooled.Database} RENAME TO {name}");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another test process published the same schema first.
        }
        finally
        {
            // Gone already when it was renamed.
            TestPostgres.DropDatabase(draft);
        }

        return name;
    }

    private static string SchemaHash()
    {
        var steps = string.Join("\n", PgSchemaSteps.All.Select(s => $"{s.Version}\n{s.Sql}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(steps)))[..16];
    }
}
