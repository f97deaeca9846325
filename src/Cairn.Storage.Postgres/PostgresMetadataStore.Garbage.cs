using Cairn.Core.Ports;
using static Cairn.Storage.Postgres.ObjectRows;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// The garbage queue and the collector's claims. Collectors on every node work the one queue: a claim skips the
/// blobs another transaction holds right now (<see cref="Locks.TryBlobsAsync"/>, and garbage rows <c>FOR UPDATE SKIP
/// LOCKED</c>), so claims made at once split a batch, and a blob is doomed only while its lock shows that nothing is
/// referencing it at the same time.
/// </summary>
public sealed partial class PostgresMetadataStore : IGarbageStore
{
    public Task<IReadOnlyList<string>> GetGarbageAsync(TimeSpan minAge, int max, CancellationToken cancellationToken)
    {
        var cutoff = (_time.GetUtcNow() - minAge).ToUnixTimeMilliseconds();
        return ReadAsync<IReadOnlyList<string>>(async connection => await QueryAsync(connection, null,
            "SELECT blob_id FROM garbage WHERE queued_at <= $1 ORDER BY queued_at LIMIT $2", reader => reader.GetString(0), cancellationToken, cutoff, max),
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> DoomAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<string>>(async tx =>
        {
            var locked = await Locks.TryBlobsAsync(tx, candidates, cancellationToken);
            if (locked.Count == 0)
            {
                return [];
            }

            // Candidates whose garbage row another transaction holds (another node forgetting the blobs it deleted)
            // are left out; for the others, whether anything references them, read after their blob locks were taken.
            var claimable = await QueryAsync(tx,
                $"""
                WITH held AS (SELECT blob_id FROM garbage WHERE blob_id = ANY($1) FOR UPDATE SKIP LOCKED)
                SELECT b, {Referenced("b")}
                FROM unnest($1::text[]) AS b
                WHERE b IN (SELECT blob_id FROM held) OR NOT EXISTS (SELECT 1 FROM garbage WHERE blob_id = b)
                """, reader => (BlobId: reader.GetString(0), Referenced: reader.GetBoolean(1)), cancellationToken, (object)locked.ToArray());
            var referenced = claimable.Where(c => c.Referenced).Select(c => c.BlobId).ToArray();
            var doomed = claimable.Where(c => !c.Referenced).Select(c => c.BlobId).ToArray();
            if (referenced.Length > 0)
            {
                await ExecuteAsync(tx, "DELETE FROM garbage WHERE blob_id = ANY($1)", cancellationToken, (object)referenced);
            }

            if (doomed.Length > 0)
            {
                await ExecuteAsync(tx,
                    """
                    INSERT INTO garbage (blob_id, queued_at, doomed) SELECT b, $2, TRUE FROM unnest($1::text[]) AS b
                    ON CONFLICT (blob_id) DO UPDATE SET doomed = TRUE
                    """, cancellationToken, doomed, _time.GetUtcNow().ToUnixTimeMilliseconds());
            }

            return doomed;
        }, cancellationToken);

    public Task RemoveGarbageAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken) =>
        WriteAsync(async tx => await ExecuteAsync(tx, "DELETE FROM garbage WHERE blob_id = ANY($1)", cancellationToken, (object)blobIds.ToArray()),
            cancellationToken);

    public Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken) =>
        ReadAsync(async connection => await ScalarAsync(connection, null, $"SELECT {Referenced("$1")}", cancellationToken, blobId) is true, cancellationToken);
}
