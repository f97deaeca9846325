using Npgsql;

namespace Cairn.Storage.Postgres;

/// <summary>
/// Small helpers for commands with positional parameters (<c>$1</c>, <c>$2</c>...); values are never spliced into
/// SQL text. Every call is asynchronous and honours cancellation.
/// </summary>
internal static class Pg
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, object?[] args)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var value in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(NpgsqlTransaction tx, string sql, CancellationToken cancellationToken, params object?[] args)
    {
        await using var command = Command(tx.Connection!, tx, sql, args);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static Task<object?> ScalarAsync(NpgsqlTransaction tx, string sql, CancellationToken cancellationToken, params object?[] args) =>
        ScalarAsync(tx.Connection!, tx, sql, cancellationToken, args);

    public static async Task<object?> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken, params object?[] args)
    {
        await using var command = Command(connection, tx, sql, args);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public static Task<List<T>> QueryAsync<T>(
        NpgsqlTransaction tx, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params object?[] args) =>
        QueryAsync(tx.Connection!, tx, sql, map, cancellationToken, args);

    /// <summary>Maps every row of a query, honouring cancellation between rows.</summary>
    public static async Task<List<T>> QueryAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken,
        params object?[] args)
    {
        await using var command = Command(connection, tx, sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static Task<List<string>> StringsAsync(NpgsqlTransaction tx, string sql, CancellationToken cancellationToken, params object?[] args) =>
        QueryAsync(tx, sql, reader => reader.GetString(0), cancellationToken, args);
}
