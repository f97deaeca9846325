using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Tagging;
using Cairn.Storage.Stored;
using Npgsql;
using NpgsqlTypes;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>Reading and writing bucket, object and segment rows inside a transaction; reference bookkeeping.</summary>
internal static class ObjectRows
{
    /// <summary>
    /// The object with its segments, read by one statement: one snapshot and one round trip, so no transaction is
    /// needed. The segments come back as one array per column, in order (none for an object kept inline).
    /// </summary>
    public static async Task<ObjectRecord?> ReadObjectAsync(NpgsqlConnection connection, string bucket, string key, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, null,
            $"""
            SELECT {StoredRows.ObjectColumns}, s.blob_ids, s.offsets, s.lengths, s.part_numbers, s.part_etags, s.part_checksums
            FROM objects
            LEFT JOIN LATERAL (
                SELECT array_agg(blob_id ORDER BY seq) AS blob_ids, array_agg(blob_offset ORDER BY seq) AS offsets,
                       array_agg(length ORDER BY seq) AS lengths, array_agg(part_number ORDER BY seq) AS part_numbers,
                       array_agg(part_etag ORDER BY seq) AS part_etags, array_agg(part_checksums ORDER BY seq) AS part_checksums
                FROM segments WHERE object_id = objects.id) AS s ON TRUE
            WHERE bucket = $1 AND key = $2
            """, reader => StoredRows.Object(reader) with { Segments = MapSegments(reader, StoredRows.ObjectColumnCount) }, cancellationToken, bucket, key)).FirstOrDefault();

    /// <summary>The segments of <see cref="ReadObjectAsync"/>: six arrays from column <paramref name="first"/> on, null when there are none.</summary>
    private static Segment[] MapSegments(NpgsqlDataReader reader, int first)
    {
        if (reader.IsDBNull(first))
        {
            return [];
        }

        var blobIds = reader.GetFieldValue<string[]>(first);
        var offsets = reader.GetFieldValue<long[]>(first + 1);
        var lengths = reader.GetFieldValue<long[]>(first + 2);
        var partNumbers = reader.GetFieldValue<int?[]>(first + 3);
        var partETags = reader.GetFieldValue<string?[]>(first + 4);
        var partChecksums = reader.GetFieldValue<string?[]>(first + 5);
        var segments = new Segment[blobIds.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = new Segment(blobIds[i], offsets[i], lengths[i], partNumbers[i], partETags[i], StoredJson.NullableChecksums(partChecksums[i]));
        }

        return segments;
    }

    /// <summary>Inserts the object row and all its segments; the segments go in one statement, however many there are.</summary>
    public static async Task InsertObjectAsync(NpgsqlTransaction tx, ObjectRecord record, CancellationToken cancellationToken)
    {
        var id = (long)(await ScalarAsync(tx,
            """
            INSERT INTO objects (bucket, key, size, etag, last_modified, headers, user_metadata, checksums, checksum_type, owner, parts_count, inline_data, acl, tags)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id
            """, cancellationToken,
            record.Bucket, record.Key, record.Size, record.ETag, record.LastModified.ToUnixTimeMilliseconds(), StoredJson.Headers(record.Headers),
            record.UserMetadata.Count == 0 ? null : StoredJson.Metadata(record.UserMetadata),
            record.Checksums.Count == 0 ? null : StoredJson.Checksums(record.Checksums),
            StoredNames.Of(record.ChecksumType), record.Owner, record.PartsCount, record.InlineContent, StoredRows.Acl(record.Acl),
            TagSetJson.Write(record.Tags)))!;

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
            $"""
            INSERT INTO garbage (blob_id, queued_at)
            SELECT b, $2 FROM unnest($1::text[]) AS b
            WHERE NOT {Referenced("b")}
            ON CONFLICT (blob_id) DO NOTHING
            """, cancellationToken, ids, queuedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>The one spelling of "an object segment or an upload part references <paramref name="blob"/>", as SQL.</summary>
    public static string Referenced(string blob) =>
        $"(EXISTS (SELECT 1 FROM segments WHERE blob_id = {blob}) OR EXISTS (SELECT 1 FROM parts WHERE blob_id = {blob}))";
}
