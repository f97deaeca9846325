using Npgsql;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres.Migrations;

/// <summary>
/// Every schema step in order, and their application at start. Several nodes may start at once against one
/// database: the steps run under a session advisory lock, and each reads the version again under it, so every step
/// runs exactly once. A database newer than this build (a newer node migrated it) is refused rather than written
/// with an older idea of the schema.
/// </summary>
internal static class PgSchemaSteps
{
    /// <summary>The advisory lock key that serialises migrations (an arbitrary constant: "cairnmig" in ASCII).</summary>
    private const long MigrationLock = 0x636169726e6d6967;

    public static readonly IReadOnlyList<PgSchemaStep> All =
    [
        PgStep1Initial.Step,
        PgStep2AccessControl.Step,
        PgStep3Roles.Step,
        PgStep4Tags.Step,
    ];

    public static int CurrentVersion => All[^1].Version;

    public static async Task ApplyAsync(NpgsqlDataSource source, CancellationToken cancellationToken) =>
        await ApplyUpToAsync(source, CurrentVersion, cancellationToken);

    /// <summary>Applies the steps above the database's version up to <paramref name="version"/>.</summary>
    public static async Task ApplyUpToAsync(NpgsqlDataSource source, int version, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await ScalarAsync(connection, null, "SELECT pg_advisory_lock($1)", cancellationToken, MigrationLock);
        try
        {
            await ScalarAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS cairn_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                cancellationToken);
            var current = await VersionAsync(connection, cancellationToken);
            if (current > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"The metadata database is at schema version {current}, newer than this server's {CurrentVersion}: run a newer Cairn.");
            }

            for (var i = 0; i < All.Count && All[i].Version <= version; i++)
            {
                var step = All[i];
                if (step.Version != i + 1)
                {
                    throw new InvalidOperationException($"Schema step {i + 1} is numbered {step.Version}: steps are numbered 1, 2, 3...");
                }

                if (step.Version <= current)
                {
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(tx, step.Sql, cancellationToken);
                await ExecuteAsync(tx, "INSERT INTO cairn_schema (version, description) VALUES ($1, $2)", cancellationToken, step.Version, step.Description);
                await tx.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await ScalarAsync(connection, null, "SELECT pg_advisory_unlock($1)", CancellationToken.None, MigrationLock);
        }
    }

    /// <summary>The version the database is at: the highest step recorded, 0 for an empty database.</summary>
    public static async Task<int> VersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, null, "SELECT COALESCE(max(version), 0) FROM cairn_schema", cancellationToken) is int version ? version : 0;
}
