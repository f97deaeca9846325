using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Tagging;
using Cairn.Storage.Stored;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>Reading and writing bucket, object and segment rows inside a transaction; reference bookkeeping.</summary>
internal static class ObjectRows
{
    /// <summary>Parameters of the segment insert, in column order.</summary>
    private static readonly string[] SegmentParameters = ["$id", "$seq", "$blob", "$off", "$len", "$pn", "$pe", "$pc"];

    public static BucketRecord? ReadBucket(SqliteTransaction tx, string name) =>
        Query(tx, $"SELECT {StoredRows.BucketColumns} FROM buckets WHERE name = $n", StoredRows.Bucket, ("$n", name)).FirstOrDefault();

    public static void RequireBucket(SqliteTransaction tx, string name)
    {
        if (Scalar(tx, "SELECT 1 FROM buckets WHERE name = $n", ("$n", name)) is null)
        {
            throw Failures.NoSuchBucket(name);
        }
    }

    /// <summary>The object with its segments, read in <paramref name="tx"/> (one snapshot).</summary>
    public static async Task<ObjectRecord?> ReadObjectAsync(SqliteTransaction tx, string bucket, string key, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(tx.Connection!, tx, $"SELECT {StoredRows.ObjectColumns} FROM objects WHERE bucket = $b AND key = $k",
            reader => (Id: reader.GetInt64(0), Record: StoredRows.Object(reader)), cancellationToken, ("$b", bucket), ("$k", key));
        if (rows.Count == 0)
        {
            return null;
        }

        var segments = await QueryAsync(tx.Connection!, tx,
            $"SELECT {StoredRows.SegmentColumns} FROM segments WHERE object_id = $id ORDER BY seq",
            StoredRows.Segment, cancellationToken, ("$id", rows[0].Id));
        return rows[0].Record with { Segments = segments };
    }

    public static void InsertObject(SqliteTransaction tx, ObjectRecord record)
    {
        var id = (long)Scalar(tx,
            """
            INSERT INTO objects (bucket, key, size, etag, last_modified, headers, user_metadata, checksums, checksum_type, owner, parts_count, inline_data, acl, tags)
            VALUES ($b, $k, $s, $e, $t, $h, $u, $c, $ct, $o, $p, $i, $a, $tg) RETURNING id
            """,
            ("$b", record.Bucket), ("$k", record.Key), ("$s", record.Size), ("$e", record.ETag),
            ("$t", record.LastModified.ToUnixTimeMilliseconds()), ("$h", StoredJson.Headers(record.Headers)),
            ("$u", record.UserMetadata.Count == 0 ? null : StoredJson.Metadata(record.UserMetadata)),
            ("$c", record.Checksums.Count == 0 ? null : StoredJson.Checksums(record.Checksums)),
            ("$ct", StoredNames.Of(record.ChecksumType)), ("$o", record.Owner), ("$p", record.PartsCount), ("$i", record.InlineContent),
            ("$a", StoredRows.Acl(record.Acl)), ("$tg", TagSetJson.Write(record.Tags)))!;

        using var command = Command(tx.Connection!, tx,
            "INSERT INTO segments (object_id, seq, blob_id, blob_offset, length, part_number, part_etag, part_checksums) VALUES ($id, $seq, $blob, $off, $len, $pn, $pe, $pc)");
        var parameters = SegmentParameters
            .Select(name => command.Parameters.Add(name, SqliteType.Text)).ToArray();
        command.Prepare();
        for (var i = 0; i < record.Segments.Count; i++)
        {
            var segment = record.Segments[i];
            parameters[0].Value = id;
            parameters[1].Value = i;
            parameters[2].Value = segment.BlobId;
            parameters[3].Value = segment.BlobOffset;
            parameters[4].Value = segment.Length;
            parameters[5].Value = (object?)segment.PartNumber ?? DBNull.Value;
            parameters[6].Value = (object?)segment.PartETag ?? DBNull.Value;
            parameters[7].Value = segment.PartChecksums is { Count: > 0 } partChecksums ? StoredJson.Checksums(partChecksums) : DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Deletes the object row and its segments; returns the blob ids they referenced, or null when there was no object.</summary>
    public static HashSet<string>? RemoveObject(SqliteTransaction tx, string bucket, string key)
    {
        var id = Scalar(tx, "SELECT id FROM objects WHERE bucket = $b AND key = $k", ("$b", bucket), ("$k", key));
        if (id is null)
        {
            return null;
        }

        var blobs = Strings(tx, "SELECT DISTINCT blob_id FROM segments WHERE object_id = $id", ("$id", id)).ToHashSet();
        Execute(tx, "DELETE FROM segments WHERE object_id = $id", ("$id", id));
        Execute(tx, "DELETE FROM objects WHERE id = $id", ("$id", id));
        return blobs;
    }

    /// <summary>
    /// Blobs about to be referenced (a copy's source blobs, a fresh blob): refused when the collector has
    /// doomed them, taken off the garbage queue otherwise.
    /// </summary>
    public static void Reference(SqliteTransaction tx, IEnumerable<string> blobIds, string what)
    {
        foreach (var blobId in blobIds.Distinct())
        {
            if (Scalar(tx, "DELETE FROM garbage WHERE blob_id = $id RETURNING doomed", ("$id", blobId)) is long doomed && doomed != 0)
            {
                throw new CairnException(ErrorCode.NoSuchKey, "The copy source was deleted while it was being copied.")
                {
                    Details = new ErrorDetails { Key = what },
                };
            }
        }
    }

    /// <summary>Queues as garbage every blob that no object segment and no upload part references any more.</summary>
    public static void QueueIfUnreferenced(SqliteTransaction tx, IEnumerable<string> blobIds, DateTimeOffset queuedAt)
    {
        var now = queuedAt.ToUnixTimeMilliseconds();
        foreach (var blobId in blobIds)
        {
            if (!IsReferenced(tx, blobId))
            {
                Execute(tx, "INSERT OR IGNORE INTO garbage (blob_id, queued_at) VALUES ($id, $t)", ("$id", blobId), ("$t", now));
            }
        }
    }

    public const string ReferencedSql =
        "SELECT 1 WHERE EXISTS (SELECT 1 FROM segments WHERE blob_id = $id) OR EXISTS (SELECT 1 FROM parts WHERE blob_id = $id)";

    public static bool IsReferenced(SqliteTransaction tx, string blobId) => Scalar(tx, ReferencedSql, ("$id", blobId)) is not null;
}
