namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>
/// Schema version 3: users and access keys, and owners become user ids. Until this version only the root account
/// existed, so every owner recorded before it (an access key id) is the root user's: owners that are not a user id
/// are given to the root user, created here. The root user's key is not known to the database yet; the server adds
/// it from its configuration at every start. The literals are this version's spellings and stay as they are:
/// 'root' is the root user's id and name, 'active' the stored active status.
/// </summary>
internal static class Step3Identities
{
    public static readonly SchemaStep Step = new(
        Version: 3,
        Description: "users and access keys; owners are user ids",
        Sql: """
            CREATE TABLE users (
                id          TEXT PRIMARY KEY,
                name        TEXT NOT NULL UNIQUE,
                status      TEXT NOT NULL,
                created_at  INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE access_keys (
                access_key_id  TEXT PRIMARY KEY,
                secret         TEXT NOT NULL,
                user_id        TEXT NOT NULL,
                status         TEXT NOT NULL,
                expires_at     INTEGER,
                created_at     INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX access_keys_by_user ON access_keys (user_id);
            INSERT INTO users (id, name, status, created_at)
                VALUES ('root', 'root', 'active', CAST(strftime('%s', 'now') AS INTEGER) * 1000);
            UPDATE buckets SET owner = 'root' WHERE owner NOT IN (SELECT id FROM users);
            UPDATE objects SET owner = 'root' WHERE owner NOT IN (SELECT id FROM users);
            UPDATE uploads SET owner = 'root' WHERE owner NOT IN (SELECT id FROM users);
            """);
}
