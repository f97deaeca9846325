using Cairn.Core.Ports;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// Named leases. Taking one is one upsert that changes the row only when it is expired or already the holder's, so
/// the number of rows it changed is the answer. They go through the reclaiming writer: the sweep a lease guards
/// frees space, so taking it must work on a full volume too.
/// </summary>
public sealed partial class SqliteMetadataStore : ILeaseStore
{
    public Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return ReclaimingWriteAsync(tx => Execute(tx, """
            INSERT INTO leases (name, holder, expires_at) VALUES ($n, $h, $e)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= $now
            """,
            ("$n", name), ("$h", holder), ("$e", (now + duration).ToUnixTimeMilliseconds()), ("$now", now.ToUnixTimeMilliseconds())) == 1,
            cancellationToken);
    }

    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx => Execute(tx, "DELETE FROM leases WHERE name = $n AND holder = $h", ("$n", name), ("$h", holder)), cancellationToken);
}
