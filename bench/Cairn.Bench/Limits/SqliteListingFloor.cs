using System.Diagnostics;
using Cairn.Bench.Metadata;
using Cairn.Bench.Scenarios;
using Cairn.Bench.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cairn.Bench.Limits;

/// <summary>
/// The SQLite floor of one listing page, read in-process straight from the seeded cairn.db (beside the running
/// server): without a delimiter, one range scan of 1,001 full object rows; with a delimiter, 1,000 index seeks, one
/// per common prefix (a key, then a jump past its prefix). No HTTP, no XML, no auth.
/// </summary>
internal sealed class SqliteListingFloor(string databasePath, string bucket) : IListingFloor
{
    private readonly SqliteConnection _connection = ServerSchema.OpenReadOnly(databasePath);

    public Task<double> MedianMsAsync(string? delimiter, string after, int pageSize, int repetitions, CancellationToken cancellationToken) =>
        Task.FromResult(MedianMs(delimiter, after, pageSize, repetitions));

    public Task<string?> NoteAsync(string? delimiter, string after, int pageSize, int repetitions, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    private double MedianMs(string? delimiter, string after, int pageSize, int repetitions)
    {
        var times = new List<double>(repetitions);
        for (var i = 0; i <= repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            var entries = delimiter is null ? ScanRows(after, pageSize + 1) : SeekPrefixes(delimiter, after, pageSize + 1);
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

    public void Dispose() => _connection.Dispose();

    private int ScanRows(string after, int limit)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT * FROM objects WHERE bucket = $b AND key > $c ORDER BY key LIMIT $n";
        command.Parameters.AddWithValue("$b", bucket);
        command.Parameters.AddWithValue("$c", after);
        command.Parameters.AddWithValue("$n", limit);
        using var reader = command.ExecuteReader();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    private int SeekPrefixes(string delimiter, string after, int limit)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT key FROM objects WHERE bucket = $b AND key >= $c ORDER BY key LIMIT 1";
        command.Parameters.AddWithValue("$b", bucket);
        var cursor = command.Parameters.AddWithValue("$c", after);
        command.Prepare();
        var prefixes = 0;
        while (prefixes < limit && command.ExecuteScalar() is string key)
        {
            var end = key.IndexOf(delimiter, StringComparison.Ordinal);
            if (end < 0)
            {
                cursor.Value = key + "\0";
                continue;
            }

            cursor.Value = ListingKeys.Successor(key[..(end + delimiter.Length)]);
            prefixes++;
        }

        return prefixes;
    }
}
