using Cairn.Core.Checksums;
using Cairn.Core.Model;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.ObjectRows;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>Reading and writing multipart upload and part rows.</summary>
internal static class UploadRows
{
    public const string UploadColumns =
        "upload_id, bucket, key, initiated_at, owner, headers, user_metadata, checksum_algorithm, checksum_type";

    private const string PartColumns = "upload_id, part_number, blob_id, size, etag, checksums, last_modified";

    public static void InsertUpload(SqliteTransaction tx, UploadRecord upload) =>
        Execute(tx,
            $"INSERT INTO uploads ({UploadColumns}) VALUES ($id, $b, $k, $t, $o, $h, $u, $ca, $ct)",
            ("$id", upload.UploadId), ("$b", upload.Bucket), ("$k", upload.Key), ("$t", upload.InitiatedAt.ToUnixTimeMilliseconds()),
            ("$o", upload.Owner), ("$h", ToJson(upload.Headers)), ("$u", ToJson(upload.UserMetadata)),
            ("$ca", upload.ChecksumAlgorithm?.ToString()), ("$ct", upload.ChecksumType));

    public static UploadRecord? ReadUpload(SqliteConnection connection, SqliteTransaction? tx, string uploadId)
    {
        using var command = Command(connection, tx, $"SELECT {UploadColumns} FROM uploads WHERE upload_id = $id", ("$id", uploadId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? MapUpload(reader) : null;
    }

    public static UploadRecord MapUpload(SqliteDataReader reader) => new()
    {
        UploadId = reader.GetString(0),
        Bucket = reader.GetString(1),
        Key = reader.GetString(2),
        InitiatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        Owner = reader.GetString(4),
        Headers = FromJson<ObjectHeaders>(reader.NullableString(5)) ?? new ObjectHeaders(),
        UserMetadata = FromJson<Dictionary<string, string>>(reader.NullableString(6)) ?? [],
        ChecksumAlgorithm = reader.NullableString(7) is { } algorithm ? Enum.Parse<ChecksumAlgorithm>(algorithm) : null,
        ChecksumType = reader.NullableString(8),
    };

    public static List<PartRecord> ReadParts(SqliteConnection connection, SqliteTransaction? tx, string uploadId, int afterPartNumber, int limit)
    {
        using var command = Command(connection, tx,
            $"SELECT {PartColumns} FROM parts WHERE upload_id = $id AND part_number > $after ORDER BY part_number LIMIT $n",
            ("$id", uploadId), ("$after", afterPartNumber), ("$n", limit));
        using var reader = command.ExecuteReader();
        var parts = new List<PartRecord>();
        while (reader.Read())
        {
            parts.Add(new PartRecord
            {
                UploadId = reader.GetString(0),
                PartNumber = reader.GetInt32(1),
                BlobId = reader.GetString(2),
                Size = reader.GetInt64(3),
                ETag = reader.GetString(4),
                Checksums = FromJson<Dictionary<ChecksumAlgorithm, string>>(reader.NullableString(5)) ?? [],
                LastModified = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            });
        }

        return parts;
    }

    /// <summary>Inserts or replaces a part; returns the blob of the part it replaced, if any.</summary>
    public static string? UpsertPart(SqliteTransaction tx, PartRecord part)
    {
        var previous = Scalar(tx, "SELECT blob_id FROM parts WHERE upload_id = $id AND part_number = $n",
            ("$id", part.UploadId), ("$n", part.PartNumber)) as string;
        Execute(tx,
            $"INSERT OR REPLACE INTO parts ({PartColumns}) VALUES ($id, $n, $blob, $s, $e, $c, $t)",
            ("$id", part.UploadId), ("$n", part.PartNumber), ("$blob", part.BlobId), ("$s", part.Size), ("$e", part.ETag),
            ("$c", part.Checksums.Count == 0 ? null : ToJson(part.Checksums)), ("$t", part.LastModified.ToUnixTimeMilliseconds()));
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

    public static void RememberCompletion(SqliteTransaction tx, CompletedUpload done, DateTimeOffset forgetBefore)
    {
        Execute(tx, "DELETE FROM completed_uploads WHERE completed_at < $t", ("$t", forgetBefore.ToUnixTimeMilliseconds()));
        Execute(tx,
            "INSERT OR REPLACE INTO completed_uploads (upload_id, bucket, key, etag, part_list_hash, completed_at, checksums, checksum_type) VALUES ($id, $b, $k, $e, $h, $t, $c, $ct)",
            ("$id", done.UploadId), ("$b", done.Bucket), ("$k", done.Key), ("$e", done.ETag), ("$h", done.PartListHash),
            ("$t", done.CompletedAt.ToUnixTimeMilliseconds()), ("$c", ToJson(done.Checksums)), ("$ct", done.ChecksumType));
    }

    public static CompletedUpload? ReadCompletion(SqliteConnection connection, string uploadId)
    {
        using var command = Command(connection, null,
            "SELECT upload_id, bucket, key, etag, part_list_hash, completed_at, checksums, checksum_type FROM completed_uploads WHERE upload_id = $id",
            ("$id", uploadId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new CompletedUpload(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                FromJson<Dictionary<ChecksumAlgorithm, string>>(reader.NullableString(6)) ?? [], reader.NullableString(7))
            : null;
    }
}
