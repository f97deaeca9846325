using System.Data.Common;
using Cairn.Core.Ports;

namespace Cairn.Storage.Stored;

/// <summary>
/// The reads of <see cref="IStoreAudit"/>, spelled once for both metadata stores (each passes its own parameter
/// placeholders). Blob ids are compared in the blob id columns' collation, byte order (SQLite's BINARY, PostgreSQL's
/// "C"), which for the ids the blob store makes is ordinal order; every read is a range or point scan of the
/// <c>segments_by_blob</c> and <c>parts_by_blob</c> indexes.
/// </summary>
internal static class AuditQueries
{
    /// <summary>
    /// The distinct blob ids of segments and parts after <paramref name="after"/>, at most <paramref name="max"/>: each
    /// side reads at most that many distinct ids off its index, and their union is cut to the page.
    /// </summary>
    public static string ReferencedBlobs(string after, string max) =>
        $"""
        SELECT blob_id FROM (SELECT DISTINCT blob_id FROM segments WHERE blob_id > {after} ORDER BY blob_id LIMIT {max}) AS s
        UNION
        SELECT blob_id FROM (SELECT DISTINCT blob_id FROM parts WHERE blob_id > {after} ORDER BY blob_id LIMIT {max}) AS p
        ORDER BY blob_id LIMIT {max}
        """;

    /// <summary>
    /// The objects (one row each, however many of their segments hold the blob) and upload parts that reference
    /// <paramref name="blob"/>: objects first, then parts, each in bucket and key order. Read by <see cref="Reference"/>.
    /// </summary>
    public static string References(string blob) =>
        $"""
        SELECT bucket, key, upload_id, part_number FROM (
            SELECT DISTINCT o.bucket, o.key, CAST(NULL AS TEXT) AS upload_id, CAST(NULL AS INTEGER) AS part_number
            FROM segments s JOIN objects o ON o.id = s.object_id WHERE s.blob_id = {blob}
            UNION ALL
            SELECT u.bucket, u.key, p.upload_id, p.part_number
            FROM parts p JOIN uploads u ON u.upload_id = p.upload_id WHERE p.blob_id = {blob}) AS r
        ORDER BY upload_id IS NOT NULL, bucket, key, upload_id, part_number
        """;

    /// <summary>Whether the blob is in the garbage queue.</summary>
    public static string Queued(string blob) => $"SELECT 1 FROM garbage WHERE blob_id = {blob}";

    /// <summary>A row of <see cref="References"/>.</summary>
    public static BlobReference Reference(DbDataReader reader, string blobId) => new(
        blobId,
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture));
}
