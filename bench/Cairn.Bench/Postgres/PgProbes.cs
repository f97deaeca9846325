using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Cairn.Bench.Postgres;

/// <summary>
/// PostgreSQL ceilings, measured on the database the nodes use, over the same loopback: the round trip of a trivial
/// query, durable one-row commits per second from 1 to 64 connections, and the floor of a Complete. Scratch tables
/// live in their own schema, copied from the server's tables (<c>LIKE … INCLUDING ALL</c>: same columns, collations,
/// keys and indexes), and are dropped afterwards.
/// </summary>
internal static class PgProbes
{
    private const string Scratch = "cairn_bench_probe";

    /// <summary>Median microseconds of a prepared <c>SELECT 1</c> on one connection: what each statement of a request pays at least.</summary>
    public static async Task<double> RoundTripMicrosecondsAsync(NpgsqlDataSource source, int count, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.PrepareAsync(cancellationToken);
        var times = new double[count];
        for (var i = -count / 10; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await command.ExecuteScalarAsync(cancellationToken);
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        Array.Sort(times);
        return times[count / 2];
    }

    /// <summary>
    /// Durable one-row INSERT commits per second from <paramref name="connections"/> connections at once, each
    /// statement its own transaction (synchronous_commit as the server has it): the WAL flush every commit waits for,
    /// shared among the commits that arrive together.
    /// </summary>
    public static async Task<double> CommitRateAsync(NpgsqlDataSource source, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        await ExecuteAsync(source, $"""
            DROP SCHEMA IF EXISTS {Scratch} CASCADE;
            CREATE SCHEMA {Scratch};
            CREATE TABLE {Scratch}.commits (k BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v TEXT NOT NULL);
            """, cancellationToken);
        try
        {
            long commits = 0;
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
            {
                await using var connection = await source.OpenConnectionAsync(cancellationToken);
                await using var insert = new NpgsqlCommand($"INSERT INTO {Scratch}.commits (v) VALUES ('0123456789abcdef0123456789abcdef')", connection);
                await insert.PrepareAsync(cancellationToken);
                while (clock.Elapsed < duration)
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    Interlocked.Increment(ref commits);
                }
            }, cancellationToken)).ToArray();
            await Task.WhenAll(workers);
            return commits / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await ExecuteAsync(source, $"DROP SCHEMA IF EXISTS {Scratch} CASCADE", CancellationToken.None);
        }
    }

    /// <summary>
    /// The floor of a metadata-only Complete of <paramref name="parts"/> parts in seconds, fastest of
    /// <paramref name="repetitions"/>: in one transaction, read and delete the upload's part rows (one
    /// <c>DELETE … RETURNING</c>), insert the object row, insert one segment row per part from arrays (one statement),
    /// commit. Four round trips and one WAL flush, on copies of the server's tables. Null when the server's tables do
    /// not have the columns it writes (the schema changed shape).
    /// </summary>
    public static async Task<double?> CompleteFloorAsync(NpgsqlDataSource source, int parts, int repetitions, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(source, $"""
                DROP SCHEMA IF EXISTS {Scratch} CASCADE;
                CREATE SCHEMA {Scratch};
                CREATE TABLE {Scratch}.parts (LIKE parts INCLUDING ALL);
                CREATE TABLE {Scratch}.objects (LIKE objects INCLUDING ALL);
                CREATE TABLE {Scratch}.segments (LIKE segments INCLUDING ALL);
                """, cancellationToken);
            double? best = null;
            for (var i = 0; i < repetitions; i++)
            {
                best = Math.Min(best ?? double.MaxValue, await CompleteOnceAsync(source, parts, cancellationToken));
            }

            return best;
        }
        catch (PostgresException)
        {
            return null;
        }
        finally
        {
            await ExecuteAsync(source, $"DROP SCHEMA IF EXISTS {Scratch} CASCADE", CancellationToken.None);
        }
    }

    private static async Task<double> CompleteOnceAsync(NpgsqlDataSource source, int parts, CancellationToken cancellationToken)
    {
        await ExecuteAsync(source, $"""
            TRUNCATE {Scratch}.parts, {Scratch}.objects, {Scratch}.segments;
            INSERT INTO {Scratch}.parts (upload_id, part_number, blob_id, size, etag, checksums, last_modified)
                SELECT 'u', n, md5('b' || n), 102400, md5('e' || n), NULL, 0 FROM generate_series(1, {parts}) AS n;
            """, cancellationToken);

        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var numbers = new List<int>(parts);
        var blobs = new List<string>(parts);
        var sizes = new List<long>(parts);
        var etags = new List<string>(parts);
        await using (var take = new NpgsqlCommand($"DELETE FROM {Scratch}.parts WHERE upload_id = 'u' RETURNING part_number, blob_id, size, etag", connection, tx))
        await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                numbers.Add(reader.GetInt32(0));
                blobs.Add(reader.GetString(1));
                sizes.Add(reader.GetInt64(2));
                etags.Add(reader.GetString(3));
            }
        }

        long id;
        await using (var insertObject = new NpgsqlCommand(
            $"INSERT INTO {Scratch}.objects (bucket, key, size, etag, last_modified, headers, owner, parts_count) VALUES ('b', 'k', 0, 'e', 0, '{{}}', 'o', $1) RETURNING id",
            connection, tx))
        {
            insertObject.Parameters.Add(new NpgsqlParameter { Value = parts });
            id = (long)(await insertObject.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var insertSegments = new NpgsqlCommand(
            $"""
            INSERT INTO {Scratch}.segments (object_id, seq, blob_id, blob_offset, length, part_number, part_etag)
            SELECT $1, s.seq - 1, s.blob_id, 0, s.length, s.part_number, s.part_etag
            FROM unnest($2, $3, $4, $5) WITH ORDINALITY AS s (blob_id, length, part_number, part_etag, seq)
            """, connection, tx))
        {
            insertSegments.Parameters.Add(new NpgsqlParameter { Value = id });
            insertSegments.Parameters.Add(new NpgsqlParameter { Value = blobs.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insertSegments.Parameters.Add(new NpgsqlParameter { Value = sizes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            insertSegments.Parameters.Add(new NpgsqlParameter { Value = numbers.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            insertSegments.Parameters.Add(new NpgsqlParameter { Value = etags.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await insertSegments.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs SQL (several statements allowed) on a connection of its own, without a time limit.</summary>
    public static async Task ExecuteAsync(NpgsqlDataSource source, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
