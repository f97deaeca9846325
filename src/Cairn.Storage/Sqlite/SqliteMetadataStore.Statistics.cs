using Cairn.Core.Ports;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// What monitoring reads: on pooled reader connections, which see the last commit and never wait behind the
/// group-commit writer (WAL).
/// </summary>
public sealed partial class SqliteMetadataStore : IStoreStatistics
{
    public Task PingAsync(CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            await using var command = Command(connection, null, "SELECT count(*) FROM sqlite_master");
            return await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);

    Task<StoreStatistics> IStoreStatistics.ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            await using var command = Command(connection, null, "SELECT (SELECT count(*) FROM uploads), (SELECT count(*) FROM garbage)");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new StoreStatistics(reader.GetInt64(0), reader.GetInt64(1));
        }, cancellationToken);
}
