using Npgsql;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// The locks that settle races between nodes, all held until the transaction ends (docs/storage.md, "Races on
/// PostgreSQL"). Write transactions run at READ COMMITTED, where every statement sees the latest commit, so a
/// transaction that waited for a lock then reads what the holder committed. Every transaction takes them in one
/// order — bucket row, upload row, object key, blobs (sorted) — so they cannot deadlock one another; a deadlock
/// PostgreSQL still reports (a hash collision between two advisory keys) fails one transaction, which runs again.
/// </summary>
internal static class Locks
{
    /// <summary>
    /// Holds the bucket row against deletion (FOR KEY SHARE: many writers at once, only DeleteBucket waits);
    /// false when there is no such bucket.
    /// </summary>
    public static async Task<bool> BucketAsync(NpgsqlTransaction tx, string bucket, CancellationToken cancellationToken) =>
        await ScalarAsync(tx, "SELECT 1 FROM buckets WHERE name = $1 FOR KEY SHARE", cancellationToken, bucket) is not null;

    /// <summary>
    /// Holds the upload row (FOR UPDATE) for Complete and Abort: they run one at a time, after the parts being stored
    /// right now, and each sees what the previous one committed; false when the upload is gone.
    /// </summary>
    public static async Task<bool> UploadAsync(NpgsqlTransaction tx, string uploadId, CancellationToken cancellationToken) =>
        await ScalarAsync(tx, "SELECT 1 FROM uploads WHERE upload_id = $1 FOR UPDATE", cancellationToken, uploadId) is not null;

    /// <summary>
    /// Holds the upload row for storing one part (FOR KEY SHARE, so the parts of one upload are stored concurrently,
    /// while Complete and Abort wait for them), then serialises the writers of that one part number with an advisory
    /// lock, so a part stored twice at once replaces cleanly: the second sees the first's blob and queues it. False
    /// when the upload is gone.
    /// </summary>
    public static async Task<bool> UploadPartAsync(NpgsqlTransaction tx, string uploadId, int partNumber, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(tx, "SELECT 1 FROM uploads WHERE upload_id = $1 FOR KEY SHARE", cancellationToken, uploadId) is null)
        {
            return false;
        }

        await ScalarAsync(tx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken,
            "part:" + uploadId + "/" + partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>
    /// Serialises the writers of one key (PUT, copy, delete, Complete), also while no row exists yet, which a row
    /// lock could not: an advisory lock on a 64-bit hash of the bucket and key.
    /// </summary>
    public static Task ObjectKeyAsync(NpgsqlTransaction tx, string bucket, string key, CancellationToken cancellationToken) =>
        ScalarAsync(tx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, "object:" + bucket + "/" + key);

    /// <summary>The advisory lock key of blob <c>b</c>, one spelling for every statement that locks blobs.</summary>
    private const string BlobKey = "hashtextextended('blob:' || b, 0)";

    /// <summary>
    /// Serialises whatever references a blob with the collector's claim on it (docs/storage.md): a claim that waited
    /// sees the new reference, a reference that waited sees the claim. Taken in ordinal order of the ids.
    /// </summary>
    public static async Task BlobsAsync(NpgsqlTransaction tx, IEnumerable<string> blobIds, CancellationToken cancellationToken)
    {
        var sorted = blobIds.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
        {
            return;
        }

        // A function scan yields the array's elements in order, so the locks are taken in that order.
        await ScalarAsync(tx, $"SELECT count(pg_advisory_xact_lock({BlobKey})) FROM unnest($1::text[]) AS b", cancellationToken, (object)sorted);
    }

    /// <summary>
    /// The collector's claim takes the blob locks without waiting: it gets those of the blobs no other transaction
    /// holds right now and returns those blobs. A blob whose lock is held is being referenced, or claimed by another
    /// node's collector, so the claim leaves it to a later pass; collectors claiming at once split the work instead of
    /// queueing behind each other. Never waiting, it cannot take part in a deadlock whatever the order.
    /// </summary>
    public static async Task<List<string>> TryBlobsAsync(NpgsqlTransaction tx, IEnumerable<string> blobIds, CancellationToken cancellationToken)
    {
        var ids = blobIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        return await StringsAsync(tx, $"SELECT b FROM unnest($1::text[]) AS b WHERE pg_try_advisory_xact_lock({BlobKey})", cancellationToken, (object)ids);
    }
}
