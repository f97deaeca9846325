using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Storage.Stored;
using Npgsql;
using NpgsqlTypes;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>Reading and writing bucket, object and segment rows inside a transaction; reference bookkeeping.</summary>
internal static class ObjectRows
{
    /// <summary>The object with its segments, read in <paramref name="tx"/> (one snapshot).</summary>
    public static async Task<ObjectRecord?> ReadObjectAsync(NpgsqlTransaction tx, string bucket, string key, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(tx, $"SELECT {StoredRows.ObjectColumns} FROM objects WHERE bucket = $1 AND key = $2",
            reader => (Id: reader.GetInt64(0), Record: StoredRows.Object(reader)), cancellationToken, bucket, key);
        if (rows.Count == 0)
        {
            return null;
        }

        var segments = await QueryAsync(tx,
            $"SELECT {StoredRows.SegmentColumns} FROM segments WHERE object_id = $1 ORDER BY seq",
            StoredRows.Segment, cancellationToken, rows[0].Id);
        return rows[0].Record with { Segments = segments };
    }

    /// <summary>Inserts the object row and all its segments; the segments go in one statement, however many there are.</summary>
    public static async Task InsertObjectAsync(NpgsqlTransaction tx, ObjectRecord record, CancellationToken cancellationToken)
    {
        var id = (long)(await ScalarAsync(tx,
            """
            INSERT INTO objects (bucket, key, size, etag, last_modified, headers, user_metadata, checksums, checksum_type, owner, parts_count, inline_data)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id
            """, cancellationToken,
            record.Bucket, record.Key, record.Size, record.ETag, record.LastModified.ToUnixTimeMilliseconds(), StoredJson.Headers(record.Headers),
            record.UserMetadata.Count == 0 ? null : StoredJson.Metadata(record.UserMetadata),
            record.Checksums.Count == 0 ? null : StoredJson.Checksums(record.Checksums),
            StoredNames.Of(record.ChecksumType), record.Owner, record.PartsCount, record.InlineContent))!;

        var segments = record.Segments;
        if (segments.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO segments (object_id, seq, blob_id, blob_offset, length, part_number, part_etag, part_checksums)
            SELECT $1, s.seq - 1, s.blob_id, s.blob_offset, s.length, s.part_number, s.part_etag, s.part_checksums
            FROM unnest($2, $3, $4, $5, $6, $7) WITH ORDINALITY AS s (blob_id, blob_offset, length, part_number, part_etag, part_checksums, seq)
            """, tx.Connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        Array(command, segments.Select(s => s.BlobId).ToArray(), NpgsqlDbType.Text);
        Array(command, segments.Select(s => s.BlobOffset).ToArray(), NpgsqlDbType.Bigint);
        Array(command, segments.Select(s => s.Length).ToArray(), NpgsqlDbType.Bigint);
        Array(command, segments.Select(s => s.PartNumber).ToArray(), NpgsqlDbType.Integer);
        Array(command, segments.Select(s => s.PartETag).ToArray(), NpgsqlDbType.Text);
        Array(command, segments.Select(s => s.PartChecksums is { Count: > 0 } c ? StoredJson.Checksums(c) : null).ToArray(), NpgsqlDbType.Text);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Array<T>(NpgsqlCommand command, T[] values, NpgsqlDbType elementType) =>
        command.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType });

    /// <summary>Deletes the object row and its segments; returns the blob ids they referenced, or null when there was no object.</summary>
    public static async Task<HashSet<string>?> RemoveObjectAsync(NpgsqlTransaction tx, string bucket, string key, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(tx, "DELETE FROM objects WHERE bucket = $1 AND key = $2 RETURNING id", cancellationToken, bucket, key) is not long id)
        {
            return null;
        }

        return (await StringsAsync(tx, "DELETE FROM segments WHERE object_id = $1 RETURNING blob_id", cancellationToken, id)).ToHashSet();
    }

    /// <summary>
    /// Blobs about to be referenced (a copy's source blobs, a fresh blob): refused when the collector has doomed them,
    /// taken off the garbage queue otherwise. Holds the blobs' locks until the transaction ends (<see cref="Locks.BlobsAsync"/>).
    /// </summary>
    public static async Task ReferenceAsync(NpgsqlTransaction tx, IReadOnlyCollection<string> blobIds, string what, CancellationToken cancellationToken)
    {
        if (blobIds.Count == 0)
        {
            return;
        }

        await Locks.BlobsAsync(tx, blobIds, cancellationToken);
        var doomed = await QueryAsync(tx, "DELETE FROM garbage WHERE blob_id = ANY($1) RETURNING doomed",
            reader => reader.GetBoolean(0), cancellationToken, (object)blobIds.Distinct().ToArray());
        if (doomed.Contains(true))
        {
            throw new CairnException(ErrorCode.NoSuchKey, "The copy source was deleted while it was being copied.")
            {
                Details = new ErrorDetails { Key = what },
            };
        }
    }

    /// <summary>Queues as garbage every blob that no object segment and no upload part references any more.</summary>
    public static async Task QueueIfUnreferencedAsync(NpgsqlTransaction tx, IEnumerable<string> blobIds, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
        var ids = blobIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        await ExecuteAsync(tx,
            """
            INSERT INTO garbage (blob_id, queued_at)
            SELECT b, $2 FROM unnest($1::text[]) AS b
            WHERE NOT EXISTS (SELECT 1 FROM segments WHERE blob_id = b) AND NOT EXISTS (SELECT 1 FROM parts WHERE blob_id = b)
            ON CONFLICT (blob_id) DO NOTHING
            """, cancellationToken, ids, queuedAt.ToUnixTimeMilliseconds());
    }

    public const string ReferencedSql =
        "SELECT EXISTS (SELECT 1 FROM segments WHERE blob_id = $1) OR EXISTS (SELECT 1 FROM parts WHERE blob_id = $1)";
}
