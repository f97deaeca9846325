using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>
/// Every schema step in order. Opening a database applies the steps above its <c>user_version</c>, one
/// transaction each; a new step is one line here plus its own file.
/// </summary>
internal static class SchemaSteps
{
    public static readonly IReadOnlyList<SchemaStep> All =
    [
        Step1Initial.Step,
        Step2PartChecksums.Step,
        Step3Identities.Step,
        Step4Leases.Step,
        Step5AccessControl.Step,
        Step6Roles.Step,
        Step7Tags.Step,
    ];

    /// <summary>The version a database has once every step ran.</summary>
    public static int CurrentVersion => All[^1].Version;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/>.</summary>
    public static void Apply(SqliteConnection connection) => ApplyUpTo(connection, CurrentVersion);

    /// <summary>
    /// Applies the steps above the database's version up to <paramref name="version"/>. Each step takes the write
    /// lock first and reads the version again under it, so several processes opening the database at once apply
    /// each step exactly once.
    /// </summary>
    public static void ApplyUpTo(SqliteConnection connection, int version)
    {
        for (var i = 0; i < All.Count && All[i].Version <= version; i++)
        {
            var step = All[i];
            if (step.Version != i + 1)
            {
                throw new InvalidOperationException($"Schema step {i + 1} is numbered {step.Version}: steps are numbered 1, 2, 3...");
            }

            if (UserVersion(connection, null) >= step.Version)
            {
                continue;
            }

            using var tx = connection.BeginTransaction(deferred: false);
            if (UserVersion(connection, tx) >= step.Version)
            {
                continue;
            }

            if (step.Sql is not null)
            {
                Execute(tx, step.Sql);
            }

            step.Data?.Invoke(tx);
            Execute(tx, $"PRAGMA user_version = {step.Version}");
            tx.Commit();
        }
    }

    private static int UserVersion(SqliteConnection connection, SqliteTransaction? tx) =>
        Convert.ToInt32(Scalar(connection, tx, "PRAGMA user_version") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
}
