using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Storage.Listing;
using Cairn.Storage.Stored;
using Npgsql;
using static Cairn.Storage.Postgres.Pg;
using static Cairn.Storage.Postgres.UploadRows;

namespace Cairn.Storage.Postgres;

/// <summary>
/// ListMultipartUploads: every in-progress upload of the bucket (not only an exact key), ordered by key (byte order,
/// the columns are COLLATE "C"), then initiation time, then id; markers are exclusive; delimiter roll-up like object
/// listing. The scan reads in batches from a position (key, initiated_at, upload_id) and, once it has taken a common
/// prefix, seeks past every key beneath it instead of reading them.
/// </summary>
internal static class UploadListing
{
    private const int BatchSize = 256;

    /// <summary>A position in listing order; the scan reads what lies strictly after it.</summary>
    private readonly record struct Position(string Key, long InitiatedAt, string UploadId)
    {
        /// <summary>Before every upload of <paramref name="key"/> (initiation times are never the smallest long).</summary>
        public static Position Before(string key) => new(key, long.MinValue, string.Empty);

        /// <summary>After every upload of <paramref name="key"/>.</summary>
        public static Position After(string key) => new(key, long.MaxValue, string.Empty);
    }

    public static async Task<UploadPage> ListAsync(
        NpgsqlTransaction tx, string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int max, CancellationToken cancellationToken)
    {
        var uploads = new List<UploadRecord>();
        var prefixes = new List<string>();
        if (max <= 0 || await StartAsync(tx, prefix, delimiter, keyMarker, uploadIdMarker, cancellationToken) is not { } start)
        {
            return new UploadPage(uploads, prefixes, false, null, null);
        }

        var position = start;
        var lastIsPrefix = false;
        while (true)
        {
            var batch = await QueryAsync(tx,
                $"""
                SELECT {StoredRows.UploadColumns} FROM uploads
                WHERE bucket = $1 AND key >= $2 AND key >= $3 AND (key, initiated_at, upload_id) > ($3, $4, $5)
                ORDER BY key, initiated_at, upload_id LIMIT $6
                """, StoredRows.Upload, cancellationToken, bucket, prefix, position.Key, position.InitiatedAt, position.UploadId, BatchSize);
            var jumped = false;
            foreach (var upload in batch)
            {
                if (!upload.Key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return new UploadPage(uploads, prefixes, false, null, null);
                }

                if (uploads.Count + prefixes.Count == max)
                {
                    return lastIsPrefix
                        ? new UploadPage(uploads, prefixes, true, prefixes[^1], null)
                        : new UploadPage(uploads, prefixes, true, uploads[^1].Key, uploads[^1].UploadId);
                }

                var common = delimiter is null ? null : KeyOrder.CommonPrefixOf(upload.Key, prefix, delimiter);
                if (common is null)
                {
                    uploads.Add(upload);
                    lastIsPrefix = false;
                    position = new Position(upload.Key, upload.InitiatedAt.ToUnixTimeMilliseconds(), upload.UploadId);
                    continue;
                }

                prefixes.Add(common);
                lastIsPrefix = true;
                if (KeyOrder.Successor(common) is not { } next)
                {
                    return new UploadPage(uploads, prefixes, false, null, null);
                }

                position = Position.Before(next);
                jumped = true;
                break;
            }

            if (!jumped && batch.Count < BatchSize)
            {
                return new UploadPage(uploads, prefixes, false, null, null);
            }
        }
    }

    /// <summary>
    /// Where the scan starts: after the markers' upload, or after the common prefix the key marker lies in (the page
    /// that returned that prefix covered everything beneath it); null when nothing can follow.
    /// </summary>
    private static async Task<Position?> StartAsync(
        NpgsqlTransaction tx, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, CancellationToken cancellationToken)
    {
        if (keyMarker is null)
        {
            return Position.Before(prefix);
        }

        if (delimiter is not null && KeyOrder.CommonPrefixOf(keyMarker, prefix, delimiter) is { } rolled)
        {
            return KeyOrder.Successor(rolled) is { } next ? Position.Before(next) : null;
        }

        if (uploadIdMarker is null)
        {
            return Position.After(keyMarker);
        }

        if (await ReadUploadAsync(tx.Connection!, tx, uploadIdMarker, cancellationToken) is { } marker && marker.Key == keyMarker)
        {
            return new Position(keyMarker, marker.InitiatedAt.ToUnixTimeMilliseconds(), marker.UploadId);
        }

        // The marker's upload completed or was aborted since the previous page: its id still says where it stood.
        return UploadIds.InitiatedAt(uploadIdMarker) is { } initiated
            ? new Position(keyMarker, initiated.ToUnixTimeMilliseconds(), uploadIdMarker)
            : Position.After(keyMarker);
    }
}
