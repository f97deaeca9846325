using Cairn.Core.Ports;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// Named leases. Taking one is one upsert that changes the row only when it is expired or already the holder's, so
/// the number of rows it changed is the answer; a concurrent taker waits on the row and then sees the winner's lease.
/// Times are the nodes' clocks, which the README asks to keep in sync; leases last far longer than any skew.
/// </summary>
public sealed partial class PostgresMetadataStore : ILeaseStore
{
    public Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return WriteAsync(async tx => await ExecuteAsync(tx, """
            INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= $4
            """, cancellationToken, name, holder, (now + duration).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds()) == 1,
            cancellationToken);
    }

    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken) =>
        WriteAsync(tx => ExecuteAsync(tx, "DELETE FROM leases WHERE name = $1 AND holder = $2", cancellationToken, name, holder), cancellationToken);
}
