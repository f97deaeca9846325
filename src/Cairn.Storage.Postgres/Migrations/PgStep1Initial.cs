namespace Cairn.Storage.Postgres.Migrations;

/// <summary>
/// Schema version 1: everything the embedded store holds, in one step. Keys, bucket names and every other column a
/// listing orders by are <c>COLLATE "C"</c>: byte order of their UTF-8, S3's listing order (the database's own
/// collation would sort by language rules). Times are milliseconds since the Unix epoch, as in the embedded store.
/// The literals are this version's spellings and stay as they are: 'root' is the root user's id and name, 'active'
/// the stored active status.
/// </summary>
internal static class PgStep1Initial
{
    public static readonly PgSchemaStep Step = new(
        Version: 1,
        Description: "initial schema",
        Sql: """
            CREATE TABLE buckets (
                name        TEXT COLLATE "C" PRIMARY KEY,
                owner       TEXT NOT NULL,
                created_at  BIGINT NOT NULL
            );
            CREATE TABLE objects (
                id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                bucket         TEXT COLLATE "C" NOT NULL,
                key            TEXT COLLATE "C" NOT NULL,
                size           BIGINT NOT NULL,
                etag           TEXT NOT NULL,
                last_modified  BIGINT NOT NULL,
                headers        TEXT,
                user_metadata  TEXT,
                checksums      TEXT,
                checksum_type  TEXT,
                owner          TEXT NOT NULL,
                parts_count    INTEGER,
                inline_data    BYTEA,
                UNIQUE (bucket, key)
            );
            CREATE TABLE segments (
                object_id       BIGINT NOT NULL,
                seq             INTEGER NOT NULL,
                blob_id         TEXT COLLATE "C" NOT NULL,
                blob_offset     BIGINT NOT NULL,
                length          BIGINT NOT NULL,
                part_number     INTEGER,
                part_etag       TEXT,
                part_checksums  TEXT,
                PRIMARY KEY (object_id, seq)
            );
            CREATE INDEX segments_by_blob ON segments (blob_id);
            CREATE TABLE uploads (
                upload_id           TEXT COLLATE "C" PRIMARY KEY,
                bucket              TEXT COLLATE "C" NOT NULL,
                key                 TEXT COLLATE "C" NOT NULL,
                initiated_at        BIGINT NOT NULL,
                owner               TEXT NOT NULL,
                headers             TEXT,
                user_metadata       TEXT,
                checksum_algorithm  TEXT,
                checksum_type       TEXT
            );
            CREATE INDEX uploads_by_key ON uploads (bucket, key, initiated_at);
            CREATE TABLE parts (
                upload_id      TEXT COLLATE "C" NOT NULL,
                part_number    INTEGER NOT NULL,
                blob_id        TEXT COLLATE "C" NOT NULL,
                size           BIGINT NOT NULL,
                etag           TEXT NOT NULL,
                checksums      TEXT,
                last_modified  BIGINT NOT NULL,
                PRIMARY KEY (upload_id, part_number)
            );
            CREATE INDEX parts_by_blob ON parts (blob_id);
            CREATE TABLE garbage (
                blob_id    TEXT COLLATE "C" PRIMARY KEY,
                queued_at  BIGINT NOT NULL,
                doomed     BOOLEAN NOT NULL DEFAULT FALSE
            );
            CREATE INDEX garbage_by_age ON garbage (queued_at);
            CREATE TABLE completed_uploads (
                upload_id       TEXT COLLATE "C" PRIMARY KEY,
                bucket          TEXT COLLATE "C" NOT NULL,
                key             TEXT COLLATE "C" NOT NULL,
                etag            TEXT NOT NULL,
                part_list_hash  TEXT NOT NULL,
                completed_at    BIGINT NOT NULL,
                checksums       TEXT,
                checksum_type   TEXT
            );
            CREATE INDEX completed_uploads_by_age ON completed_uploads (completed_at);
            CREATE TABLE settings (
                name   TEXT PRIMARY KEY,
                value  TEXT NOT NULL
            );
            CREATE TABLE users (
                id          TEXT COLLATE "C" PRIMARY KEY,
                name        TEXT COLLATE "C" NOT NULL UNIQUE,
                status      TEXT NOT NULL,
                created_at  BIGINT NOT NULL
            );
            CREATE TABLE access_keys (
                access_key_id  TEXT COLLATE "C" PRIMARY KEY,
                secret         TEXT NOT NULL,
                user_id        TEXT COLLATE "C" NOT NULL,
                status         TEXT NOT NULL,
                expires_at     BIGINT,
                created_at     BIGINT NOT NULL
            );
            CREATE INDEX access_keys_by_user ON access_keys (user_id);
            CREATE TABLE leases (
                name        TEXT COLLATE "C" PRIMARY KEY,
                holder      TEXT NOT NULL,
                expires_at  BIGINT NOT NULL
            );
            INSERT INTO users (id, name, status, created_at)
                VALUES ('root', 'root', 'active', (extract(epoch FROM now()) * 1000)::bigint);
            """);
}
