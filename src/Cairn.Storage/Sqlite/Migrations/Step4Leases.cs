namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>Schema version 4: named leases (one holder at a time, until <c>expires_at</c>, Unix milliseconds).</summary>
internal static class Step4Leases
{
    public static readonly SchemaStep Step = new(
        Version: 4,
        Description: "named leases",
        Sql: """
            CREATE TABLE leases (
                name        TEXT PRIMARY KEY,
                holder      TEXT NOT NULL,
                expires_at  INTEGER NOT NULL
            ) WITHOUT ROWID;
            """);
}
