namespace Cairn.Storage.Postgres.Migrations;

/// <summary>
/// Schema version 3: roles and their inline policies, as the embedded store's step 6. A role's name is unique
/// ignoring case, as IAM compares role names: the unique index is on <c>lower(name)</c>, which under
/// <c>COLLATE "C"</c> folds ASCII letters only, as the embedded store's NOCASE does (role names are ASCII), and the
/// column orders roles in UTF-8 byte order. Maximum session durations are whole seconds, times Unix milliseconds.
/// </summary>
internal static class PgStep3Roles
{
    public static readonly PgSchemaStep Step = new(
        Version: 3,
        Description: "roles and role policies",
        Sql: """
            CREATE TABLE roles (
                id                   TEXT COLLATE "C" PRIMARY KEY,
                name                 TEXT COLLATE "C" NOT NULL,
                owner_id             TEXT NOT NULL,
                trust_policy         TEXT NOT NULL,
                max_session_seconds  BIGINT NOT NULL,
                description          TEXT NOT NULL,
                created_at           BIGINT NOT NULL
            );
            CREATE UNIQUE INDEX roles_by_name ON roles (lower(name));
            CREATE TABLE role_policies (
                role_id   TEXT COLLATE "C" NOT NULL,
                name      TEXT COLLATE "C" NOT NULL,
                document  TEXT NOT NULL,
                PRIMARY KEY (role_id, name)
            );
            """);
}
