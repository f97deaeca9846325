using System.Diagnostics;
using Cairn.Bench.Metadata;
using Cairn.Bench.Report;
using Cairn.Bench.Scenarios;
using Npgsql;

namespace Cairn.Bench.Postgres;

/// <summary>
/// The PostgreSQL floor of one listing page, read by the bench over the same loopback as the nodes, on one connection
/// with prepared statements: without a delimiter, one range scan of 1,001 full object rows (one round trip); with a
/// delimiter, 1,000 index seeks, one per common prefix, each its own round trip — the seeks a page of common prefixes
/// takes, as the nodes make them.
/// </summary>
internal sealed class PgListingFloor(NpgsqlDataSource source, string bucket) : IListingFloor
{
    private NpgsqlConnection? _connection;

    public async Task<double> MedianMsAsync(string? delimiter, string after, int pageSize, int repetitions, CancellationToken cancellationToken)
    {
        _connection ??= await source.OpenConnectionAsync(cancellationToken);
        var times = new List<double>(repetitions);
        for (var i = 0; i <= repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            var entries = delimiter is null
                ? await ScanRowsAsync(_connection, after, pageSize + 1, cancellationToken)
                : await SeekPrefixesAsync(_connection, delimiter, after, pageSize + 1, cancellationToken);
            if (entries < pageSize)
            {
                throw new InvalidOperationException($"The listing floor found {entries} entries, expected {pageSize}.");
            }

            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>
    /// With a delimiter: the same seeks made inside PostgreSQL by one recursive statement (a skip scan of the index),
    /// median of <paramref name="repetitions"/> runs — the page's index work without a round trip per seek.
    /// </summary>
    public async Task<string?> NoteAsync(string? delimiter, string after, int pageSize, int repetitions, CancellationToken cancellationToken)
    {
        if (delimiter is not { Length: 1 } || delimiter[0] >= 0x7F)
        {
            return null;
        }

        _connection ??= await source.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            WITH RECURSIVE seek (key, n) AS (
                (SELECT key, 1 FROM objects WHERE bucket = $1 AND key >= $2 ORDER BY key LIMIT 1)
                UNION ALL
                SELECT (SELECT o.key FROM objects o
                        WHERE o.bucket = $1 AND o.key >= (left(s.key, strpos(s.key, $3) - 1) || chr(ascii($3) + 1)) COLLATE "C"
                        ORDER BY o.key LIMIT 1), s.n + 1
                FROM seek s WHERE s.key IS NOT NULL AND s.n < $4)
            SELECT count(key) FROM seek
            """, _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = bucket });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = delimiter });
        command.Parameters.Add(new NpgsqlParameter { Value = pageSize + 1 });
        await command.PrepareAsync(cancellationToken);
        var times = new List<double>(repetitions);
        for (var i = 0; i <= repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            var prefixes = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (prefixes < pageSize)
            {
                throw new InvalidOperationException($"The recursive seek found {prefixes} prefixes, expected {pageSize}.");
            }

            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return $"the same seeks in one recursive statement: {TableWriter.Format(times[times.Count / 2], "ms")}";
    }

    public void Dispose() => _connection?.Dispose();

    private async Task<int> ScanRowsAsync(NpgsqlConnection connection, string after, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT * FROM objects WHERE bucket = $1 AND key > $2 ORDER BY key LIMIT $3", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = bucket });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    private async Task<int> SeekPrefixesAsync(NpgsqlConnection connection, string delimiter, string after, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT key FROM objects WHERE bucket = $1 AND key >= $2 ORDER BY key LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = bucket });
        var cursor = new NpgsqlParameter { Value = after };
        command.Parameters.Add(cursor);
        await command.PrepareAsync(cancellationToken);
        var prefixes = 0;
        while (prefixes < limit && await command.ExecuteScalarAsync(cancellationToken) is string key)
        {
            // Every seeded key holds the delimiter (ListingKeys), so every seek finds a common prefix.
            var end = key.IndexOf(delimiter, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new InvalidOperationException($"The listing floor expects every key to hold '{delimiter}': {key}");
            }

            cursor.Value = ListingKeys.Successor(key[..(end + delimiter.Length)]);
            prefixes++;
        }

        return prefixes;
    }
}
