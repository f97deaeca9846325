namespace Cairn.Storage.Sqlite;

/// <summary>
/// The metadata schema. Keys are TEXT compared with SQLite's BINARY collation, which is UTF-8 byte order,
/// S3's listing order. Versions are numbered: an existing database is migrated step by step.
/// </summary>
internal static class SqliteSchema
{
    public const int CurrentVersion = 3;

    public const string Version1 = """
        CREATE TABLE buckets (
            name        TEXT PRIMARY KEY,
            owner       TEXT NOT NULL,
            created_at  INTEGER NOT NULL
        );
        CREATE TABLE objects (
            id             INTEGER PRIMARY KEY,
            bucket         TEXT NOT NULL,
            key            TEXT NOT NULL,
            size           INTEGER NOT NULL,
            etag           TEXT NOT NULL,
            last_modified  INTEGER NOT NULL,
            headers        TEXT,
            user_metadata  TEXT,
            checksums      TEXT,
            checksum_type  TEXT,
            owner          TEXT NOT NULL,
            parts_count    INTEGER,
            inline_data    BLOB,
            UNIQUE (bucket, key)
        );
        CREATE TABLE segments (
            object_id    INTEGER NOT NULL,
            seq          INTEGER NOT NULL,
            blob_id      TEXT NOT NULL,
            blob_offset  INTEGER NOT NULL,
            length       INTEGER NOT NULL,
            part_number  INTEGER,
            part_etag    TEXT,
            PRIMARY KEY (object_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX segments_by_blob ON segments (blob_id);
        CREATE TABLE uploads (
            upload_id     TEXT PRIMARY KEY,
            bucket        TEXT NOT NULL,
            key           TEXT NOT NULL,
            initiated_at  INTEGER NOT NULL,
            owner         TEXT NOT NULL,
            headers       TEXT,
            user_metadata TEXT,
            checksum_algorithm TEXT,
            checksum_type TEXT
        );
        CREATE INDEX uploads_by_key ON uploads (bucket, key, initiated_at);
        CREATE TABLE parts (
            upload_id     TEXT NOT NULL,
            part_number   INTEGER NOT NULL,
            blob_id       TEXT NOT NULL,
            size          INTEGER NOT NULL,
            etag          TEXT NOT NULL,
            checksums     TEXT,
            last_modified INTEGER NOT NULL,
            PRIMARY KEY (upload_id, part_number)
        ) WITHOUT ROWID;
        CREATE INDEX parts_by_blob ON parts (blob_id);
        CREATE TABLE garbage (
            blob_id    TEXT PRIMARY KEY,
            queued_at  INTEGER NOT NULL,
            doomed     INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE completed_uploads (
            upload_id      TEXT PRIMARY KEY,
            bucket         TEXT NOT NULL,
            key            TEXT NOT NULL,
            etag           TEXT NOT NULL,
            part_list_hash TEXT NOT NULL,
            completed_at   INTEGER NOT NULL,
            checksums      TEXT,
            checksum_type  TEXT
        ) WITHOUT ROWID;
        CREATE TABLE settings (
            name   TEXT PRIMARY KEY,
            value  TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>Version 2: a multipart object's segments keep their part's checksum (GetObjectAttributes).</summary>
    public const string Version2 = """
        ALTER TABLE segments ADD COLUMN part_checksums TEXT;
        """;

    /// <summary>
    /// Version 3: users and access keys, and owners become user ids. Until this version only the root account
    /// existed, so every owner recorded before it (an access key id) is the root user's: owners that are not a user
    /// id are given to the root user, created here. The root user's key is not known to the database yet; the
    /// server adds it from its configuration at every start. The literals are this version's spellings and stay as
    /// they are: 'root' is the root user's id and name, 'active' the stored active status.
    /// </summary>
    public const string Version3 = """
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
        """;
}
