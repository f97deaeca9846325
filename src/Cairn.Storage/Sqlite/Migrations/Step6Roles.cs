namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>
/// Schema version 6: roles and their inline policies. A role's name is unique ignoring case, as IAM compares role
/// names: the unique index is <c>COLLATE NOCASE</c> (ASCII case, the only case role names have), while the column
/// itself keeps the BINARY collation, so roles list in UTF-8 byte order. Maximum session durations are whole seconds,
/// times Unix milliseconds.
/// </summary>
internal static class Step6Roles
{
    public static readonly SchemaStep Step = new(
        Version: 6,
        Description: "roles and role policies",
        Sql: """
            CREATE TABLE roles (
                id                   TEXT PRIMARY KEY,
                name                 TEXT NOT NULL,
                owner_id             TEXT NOT NULL,
                trust_policy         TEXT NOT NULL,
                max_session_seconds  INTEGER NOT NULL,
                description          TEXT NOT NULL,
                created_at           INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX roles_by_name ON roles (name COLLATE NOCASE);
            CREATE TABLE role_policies (
                role_id   TEXT NOT NULL,
                name      TEXT NOT NULL,
                document  TEXT NOT NULL,
                PRIMARY KEY (role_id, name)
            ) WITHOUT ROWID;
            """);
}
