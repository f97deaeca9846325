using Cairn.Core.Ports;
using static Cairn.Storage.Sqlite.ObjectRows;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>The garbage queue and the collector's claims.</summary>
public sealed partial class SqliteMetadataStore : IGarbageStore
{
    public Task<IReadOnlyList<string>> GetGarbageAsync(TimeSpan minAge, int max, CancellationToken cancellationToken)
    {
        var cutoff = (_time.GetUtcNow() - minAge).ToUnixTimeMilliseconds();
        return ReadAsync<IReadOnlyList<string>>(async connection => await QueryAsync(connection, null,
            "SELECT blob_id FROM garbage WHERE queued_at <= $c LIMIT $m", reader => reader.GetString(0), cancellationToken, ("$c", cutoff), ("$m", max)),
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> DoomAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync<IReadOnlyList<string>>(tx =>
        {
            var doomed = new List<string>(candidates.Count);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var blobId in candidates)
            {
                if (IsReferenced(tx, blobId))
                {
                    Execute(tx, "DELETE FROM garbage WHERE blob_id = $id", ("$id", blobId));
                    continue;
                }

                Execute(tx, "INSERT INTO garbage (blob_id, queued_at, doomed) VALUES ($id, $t, 1) ON CONFLICT (blob_id) DO UPDATE SET doomed = 1",
                    ("$id", blobId), ("$t", now));
                doomed.Add(blobId);
            }

            return doomed;
        }, cancellationToken);

    public Task RemoveGarbageAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
        {
            foreach (var id in blobIds)
            {
                Execute(tx, "DELETE FROM garbage WHERE blob_id = $id", ("$id", id));
            }

            return 0;
        }, cancellationToken);

    public Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken) =>
        ReadAsync(async connection => await ScalarAsync(connection, ReferencedSql, cancellationToken, ("$id", blobId)) is not null, cancellationToken);
}
