using Cairn.Core.Model;
using Cairn.Core.Tagging;
using Cairn.Storage.Stored;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>Reading and writing multipart upload, part and completion rows.</summary>
internal static class UploadRows
{
    public const string SelectUpload = $"SELECT {StoredRows.UploadColumns} FROM uploads WHERE upload_id = $id";

    public const string SelectParts =
        $"SELECT {StoredRows.PartColumns} FROM parts WHERE upload_id = $id AND part_number > $after ORDER BY part_number LIMIT $n";

    public const string SelectCompletion =
        $"SELECT {StoredRows.CompletionColumns} FROM completed_uploads WHERE upload_id = $id";

    public static void InsertUpload(SqliteTransaction tx, UploadRecord upload) =>
        Execute(tx,
            $"INSERT INTO uploads ({StoredRows.UploadColumns}) VALUES ($id, $b, $k, $t, $o, $h, $u, $ca, $ct, $a, $tg)",
            ("$id", upload.UploadId), ("$b", upload.Bucket), ("$k", upload.Key), ("$t", upload.InitiatedAt.ToUnixTimeMilliseconds()),
            ("$o", upload.Owner), ("$h", StoredJson.Headers(upload.Headers)), ("$u", StoredJson.Metadata(upload.UserMetadata)),
            ("$ca", upload.ChecksumAlgorithm is { } algorithm ? StoredNames.Of(algorithm) : null), ("$ct", StoredNames.Of(upload.ChecksumType)),
            ("$a", StoredRows.Acl(upload.Acl)), ("$tg", TagSetJson.Write(upload.Tags)));

    /// <summary>Whether the upload exists, inside the writer's transaction.</summary>
    public static bool UploadExists(SqliteTransaction tx, string uploadId) =>
        Scalar(tx, "SELECT 1 FROM uploads WHERE upload_id = $id", ("$id", uploadId)) is not null;

    public static async Task<UploadRecord?> ReadUploadAsync(SqliteConnection connection, SqliteTransaction? tx, string uploadId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, tx, SelectUpload, StoredRows.Upload, cancellationToken, ("$id", uploadId))).FirstOrDefault();

    public static Task<List<PartRecord>> ReadPartsAsync(
        SqliteConnection connection, SqliteTransaction? tx, string uploadId, int afterPartNumber, int limit, CancellationToken cancellationToken) =>
        QueryAsync(connection, tx, SelectParts, StoredRows.Part, cancellationToken, ("$id", uploadId), ("$after", afterPartNumber), ("$n", limit));

    /// <summary>The blob a part number holds now, inside the writer's transaction; null when there is no such part.</summary>
    public static string? PartBlob(SqliteTransaction tx, string uploadId, int partNumber) =>
        Scalar(tx, "SELECT blob_id FROM parts WHERE upload_id = $id AND part_number = $n", ("$id", uploadId), ("$n", partNumber)) as string;

    /// <summary>Inserts or replaces a part; returns the blob of the part it replaced, if any.</summary>
    public static string? UpsertPart(SqliteTransaction tx, PartRecord part)
    {
        var previous = PartBlob(tx, part.UploadId, part.PartNumber);
        Execute(tx,
            "INSERT OR REPLACE INTO parts (upload_id, part_number, blob_id, size, etag, checksums, last_modified) VALUES ($id, $n, $blob, $s, $e, $c, $t)",
            ("$id", part.UploadId), ("$n", part.PartNumber), ("$blob", part.BlobId), ("$s", part.Size), ("$e", part.ETag),
            ("$c", part.Checksums.Count == 0 ? null : StoredJson.Checksums(part.Checksums)), ("$t", part.LastModified.ToUnixTimeMilliseconds()));
        return previous == part.BlobId ? null : previous;
    }

    /// <summary>Deletes the upload and its parts; returns the part blobs.</summary>
    public static List<string> RemoveUpload(SqliteTransaction tx, string uploadId)
    {
        var blobs = Strings(tx, "SELECT blob_id FROM parts WHERE upload_id = $id", ("$id", uploadId));
        Execute(tx, "DELETE FROM parts WHERE upload_id = $id", ("$id", uploadId));
        Execute(tx, "DELETE FROM uploads WHERE upload_id = $id", ("$id", uploadId));
        return blobs;
    }

    /// <summary>Records a completion and forgets those older than <see cref="CompletedUpload.Memory"/>.</summary>
    public static void RememberCompletion(SqliteTransaction tx, CompletedUpload done)
    {
        Execute(tx, "DELETE FROM completed_uploads WHERE completed_at < $t", ("$t", (done.CompletedAt - CompletedUpload.Memory).ToUnixTimeMilliseconds()));
        Execute(tx,
            "INSERT OR REPLACE INTO completed_uploads (upload_id, bucket, key, etag, part_list_hash, completed_at, checksums, checksum_type) VALUES ($id, $b, $k, $e, $h, $t, $c, $ct)",
            ("$id", done.UploadId), ("$b", done.Bucket), ("$k", done.Key), ("$e", done.ETag), ("$h", done.PartListHash),
            ("$t", done.CompletedAt.ToUnixTimeMilliseconds()), ("$c", StoredJson.Checksums(done.Checksums)), ("$ct", StoredNames.Of(done.ChecksumType)));
    }

    public static CompletedUpload? ReadCompletion(SqliteTransaction tx, string uploadId) =>
        Query(tx, SelectCompletion, StoredRows.Completion, ("$id", uploadId)).FirstOrDefault();

    public static async Task<CompletedUpload?> ReadCompletionAsync(SqliteConnection connection, string uploadId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, null, SelectCompletion, StoredRows.Completion, cancellationToken, ("$id", uploadId))).FirstOrDefault();

}
