using Cairn.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// <see cref="IStoreStatistics"/> on the SQLite metadata database: read-only connections of their own, so a
/// monitoring query can neither write nor wait behind the group-commit writer (WAL readers see the last commit).
/// </summary>
public sealed class SqliteStoreStatistics(string databasePath) : IStoreStatistics
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
        DefaultTimeout = 5,
    }.ToString();

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT count(*) FROM sqlite_master");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<StoreStatistics> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT (SELECT count(*) FROM uploads), (SELECT count(*) FROM garbage)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreStatistics(reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
