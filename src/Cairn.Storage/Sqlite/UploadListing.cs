using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Storage.Listing;
using Cairn.Storage.Stored;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.Sql;
using static Cairn.Storage.Sqlite.UploadRows;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// ListMultipartUploads: every in-progress upload of the bucket (not only an exact key), ordered by key, then
/// initiation time, then id; markers are exclusive; delimiter roll-up like object listing.
/// </summary>
internal static class UploadListing
{
    private const int BatchSize = 256;

    public static async Task<UploadPage> ListAsync(
        SqliteTransaction tx, string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int max, CancellationToken cancellationToken)
    {
        var uploads = new List<UploadRecord>();
        var prefixes = new List<string>();
        if (max <= 0)
        {
            return new UploadPage(uploads, prefixes, false, null, null);
        }

        // Position (key, initiated_at, upload_id) strictly after which the scan starts.
        var (key, time, id) = (keyMarker ?? string.Empty, long.MaxValue, string.Empty);
        if (keyMarker is not null && uploadIdMarker is not null)
        {
            if (await ReadUploadAsync(tx.Connection!, tx, uploadIdMarker, cancellationToken) is { } marker && marker.Key == keyMarker)
            {
                (time, id) = (marker.InitiatedAt.ToUnixTimeMilliseconds(), marker.UploadId);
            }
            else if (UploadIds.InitiatedAt(uploadIdMarker) is { } initiated)
            {
                // The marker's upload completed or was aborted since the previous page: its id still says where it stood.
                (time, id) = (initiated.ToUnixTimeMilliseconds(), uploadIdMarker);
            }
        }

        var noMarker = keyMarker is null;
        string? lastPrefix = null;
        while (true)
        {
            await using var command = Command(tx.Connection!, tx,
                $"""
                SELECT {StoredRows.UploadColumns} FROM uploads
                WHERE bucket = $b AND key >= $p
                  AND ($none OR key > $k OR (key = $k AND (initiated_at > $t OR (initiated_at = $t AND upload_id > $id))))
                ORDER BY key, initiated_at, upload_id LIMIT $n
                """,
                ("$b", bucket), ("$p", prefix), ("$none", noMarker), ("$k", key), ("$t", time), ("$id", id), ("$n", BatchSize));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
                var upload = StoredRows.Upload(reader);
                (key, time, id, noMarker) = (upload.Key, upload.InitiatedAt.ToUnixTimeMilliseconds(), upload.UploadId, false);
                if (!upload.Key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return new UploadPage(uploads, prefixes, false, null, null);
                }

                var common = delimiter is null ? null : KeyOrder.CommonPrefixOf(upload.Key, prefix, delimiter);
                if (common is not null && (common == lastPrefix || (keyMarker is not null && KeyOrder.Utf8Compare(common, keyMarker) <= 0 && keyMarker.StartsWith(common, StringComparison.Ordinal))))
                {
                    continue;
                }

                if (uploads.Count + prefixes.Count == max)
                {
                    var last = uploads.Count > 0 ? uploads[^1] : null;
                    var lastIsPrefix = prefixes.Count > 0 && (last is null || KeyOrder.Utf8Compare(prefixes[^1], last.Key) > 0);
                    return lastIsPrefix
                        ? new UploadPage(uploads, prefixes, true, prefixes[^1], null)
                        : new UploadPage(uploads, prefixes, true, last!.Key, last.UploadId);
                }

                if (common is not null)
                {
                    prefixes.Add(common);
                    lastPrefix = common;
                }
                else
                {
                    uploads.Add(upload);
                }
            }

            if (rows < BatchSize)
            {
                return new UploadPage(uploads, prefixes, false, null, null);
            }
        }
    }
}
