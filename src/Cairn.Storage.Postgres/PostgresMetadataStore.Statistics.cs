using Cairn.Core.Ports;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>What monitoring reads: single statements on pooled connections, which see the last commit and wait for no writer.</summary>
public sealed partial class PostgresMetadataStore : IStoreStatistics
{
    public Task PingAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => ScalarAsync(connection, null, "SELECT 1", cancellationToken), cancellationToken);

    Task<StoreStatistics> IStoreStatistics.ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(async connection => (await QueryAsync(connection, null, "SELECT (SELECT count(*) FROM uploads), (SELECT count(*) FROM garbage)",
            reader => new StoreStatistics(reader.GetInt64(0), reader.GetInt64(1)), cancellationToken)).Single(), cancellationToken);
}
