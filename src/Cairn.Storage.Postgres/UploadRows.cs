using Cairn.Core.Model;
using Cairn.Core.Tagging;
using Cairn.Storage.Stored;
using Npgsql;
using NpgsqlTypes;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>Reading and writing multipart upload, part and completion rows inside a transaction.</summary>
internal static class UploadRows
{
    private const string SelectParts =
        $"SELECT {StoredRows.PartColumns} FROM parts WHERE upload_id = $1 AND part_number > $2 ORDER BY part_number LIMIT $3";

    private const string SelectCompletion =
        $"SELECT {StoredRows.CompletionColumns} FROM completed_uploads WHERE upload_id = $1";

    public static Task InsertUploadAsync(NpgsqlTransaction tx, UploadRecord upload, CancellationToken cancellationToken) =>
        ExecuteAsync(tx, $"INSERT INTO uploads ({StoredRows.UploadColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", cancellationToken,
            upload.UploadId, upload.Bucket, upload.Key, upload.InitiatedAt.ToUnixTimeMilliseconds(), upload.Owner,
            StoredJson.Headers(upload.Headers), StoredJson.Metadata(upload.UserMetadata),
            upload.ChecksumAlgorithm is { } algorithm ? StoredNames.Of(algorithm) : null, StoredNames.Of(upload.ChecksumType), StoredRows.Acl(upload.Acl),
            TagSetJson.Write(upload.Tags));

    public static async Task<UploadRecord?> ReadUploadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string uploadId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, tx, $"SELECT {StoredRows.UploadColumns} FROM uploads WHERE upload_id = $1", StoredRows.Upload, cancellationToken, uploadId))
        .FirstOrDefault();

    /// <summary>At most <paramref name="limit"/> parts numbered above <paramref name="afterPartNumber"/>, ascending.</summary>
    public static Task<List<PartRecord>> ReadPartsAsync(NpgsqlTransaction tx, string uploadId, int afterPartNumber, int limit, CancellationToken cancellationToken) =>
        QueryAsync(tx, SelectParts, StoredRows.Part, cancellationToken, uploadId, afterPartNumber, limit);

    /// <summary>
    /// Whether every segment still names a part of the upload that holds the segment's blob, checked in one statement
    /// however many segments there are. The caller holds the upload row, so no part changes meanwhile.
    /// </summary>
    public static async Task<bool> PartsHoldAsync(NpgsqlTransaction tx, string uploadId, IReadOnlyList<Segment> segments, CancellationToken cancellationToken)
    {
        if (segments.Any(s => s.PartNumber is null))
        {
            return false;
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM unnest($2, $3) AS s (part_number, blob_id)
            JOIN parts p ON p.upload_id = $1 AND p.part_number = s.part_number AND p.blob_id = s.blob_id
            """, tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = uploadId });
        command.Parameters.Add(new NpgsqlParameter { Value = segments.Select(s => s.PartNumber!.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = segments.Select(s => s.BlobId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == segments.Count;
    }

    /// <summary>
    /// Inserts or replaces a part; returns the blob of the part it replaced, if any (and not the same blob). The caller
    /// holds the upload row, so the part read and the write see the same part.
    /// </summary>
    public static async Task<string?> UpsertPartAsync(NpgsqlTransaction tx, PartRecord part, CancellationToken cancellationToken)
    {
        var previous = await ScalarAsync(tx,
            """
            WITH previous AS (SELECT blob_id FROM parts WHERE upload_id = $1 AND part_number = $2)
            INSERT INTO parts (upload_id, part_number, blob_id, size, etag, checksums, last_modified) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (upload_id, part_number) DO UPDATE
                SET blob_id = excluded.blob_id, size = excluded.size, etag = excluded.etag, checksums = excluded.checksums, last_modified = excluded.last_modified
            RETURNING (SELECT blob_id FROM previous)
            """, cancellationToken,
            part.UploadId, part.PartNumber, part.BlobId, part.Size, part.ETag,
            part.Checksums.Count == 0 ? null : StoredJson.Checksums(part.Checksums), part.LastModified.ToUnixTimeMilliseconds()) as string;
        return previous == part.BlobId ? null : previous;
    }

    /// <summary>Deletes the upload and its parts; returns the part blobs.</summary>
    public static async Task<List<string>> RemoveUploadAsync(NpgsqlTransaction tx, string uploadId, CancellationToken cancellationToken)
    {
        var blobs = await StringsAsync(tx, "DELETE FROM parts WHERE upload_id = $1 RETURNING blob_id", cancellationToken, uploadId);
        await ExecuteAsync(tx, "DELETE FROM uploads WHERE upload_id = $1", cancellationToken, uploadId);
        return blobs;
    }

    /// <summary>Records a completion and forgets those older than <see cref="CompletedUpload.Memory"/>.</summary>
    public static async Task RememberCompletionAsync(NpgsqlTransaction tx, CompletedUpload done, CancellationToken cancellationToken)
    {
        await ExecuteAsync(tx, "DELETE FROM completed_uploads WHERE completed_at < $1", cancellationToken,
            (done.CompletedAt - CompletedUpload.Memory).ToUnixTimeMilliseconds());
        await ExecuteAsync(tx,
            """
            INSERT INTO completed_uploads (upload_id, bucket, key, etag, part_list_hash, completed_at, checksums, checksum_type)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (upload_id) DO UPDATE
                SET bucket = excluded.bucket, key = excluded.key, etag = excluded.etag, part_list_hash = excluded.part_list_hash,
                    completed_at = excluded.completed_at, checksums = excluded.checksums, checksum_type = excluded.checksum_type
            """, cancellationToken,
            done.UploadId, done.Bucket, done.Key, done.ETag, done.PartListHash, done.CompletedAt.ToUnixTimeMilliseconds(),
            StoredJson.Checksums(done.Checksums), StoredNames.Of(done.ChecksumType));
    }

    public static async Task<CompletedUpload?> ReadCompletionAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string uploadId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, tx, SelectCompletion, StoredRows.Completion, cancellationToken, uploadId)).FirstOrDefault();

}
