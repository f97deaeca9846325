namespace Cairn.Storage.Sqlite.Migrations;

/// <summary>
/// Schema version 1: buckets, objects with their segments, uploads with their parts, the garbage queue, recent
/// completions and settings. Keys are TEXT compared with SQLite's BINARY collation, which is UTF-8 byte order,
/// S3's listing order.
/// </summary>
internal static class Step1Initial
{
    public static readonly SchemaStep Step = new(
        Version: 1,
        Description: "initial schema",
        Sql: """
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
            """);
}
