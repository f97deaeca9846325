using System.Diagnostics;
using Cairn.Bench.Data;
using Cairn.Bench.Scenarios;
using Npgsql;

namespace Cairn.Bench.Postgres;

/// <summary>
/// Seeds scenario 5's bucket in the nodes' PostgreSQL database without HTTP: the main node creates the bucket and
/// stores one real 128 KiB object (larger than the inline limit, so it has a blob and a segment row); one statement
/// then copies that object row N times with the listing's keys, and its segment row once per copy, so every key points
/// at the one real blob and a GET of any key would work. The columns copied are read from the database
/// (information_schema), never from Cairn's source. Keys already there are left as they are, so a second run on the
/// same database seeds nothing again.
/// </summary>
internal static class PgListingSeeder
{
    private const string Template = "template";

    public static async Task SeedAsync(BenchContext context, NpgsqlDataSource source, int keys, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        context.Progress($"5. seeding {keys:N0} keys in PostgreSQL: template object through the main node");
        await context.Main.CreateBucketAsync(ListingKeys.Bucket, cancellationToken);
        await context.Main.PutObjectAsync(ListingKeys.Bucket, Template, new PatternContent(128 * 1024, 0), cancellationToken);

        var objectColumns = await ColumnsAsync(source, "objects", cancellationToken);
        var segmentColumns = await ColumnsAsync(source, "segments", cancellationToken);
        string Copy(string column, string row, string replacement, string replaced) => column == replaced ? replacement : $"{row}.\"{column}\"";
        var keyExpression = "'d' || lpad((i / $3)::text, 6, '0') || '/f' || (i % $3)::text";
        var sql = $"""
            WITH copies AS (
                INSERT INTO objects ({Names(objectColumns)})
                SELECT {string.Join(", ", objectColumns.Select(c => Copy(c, "t", keyExpression, "key")))}
                FROM objects t, generate_series(0, $2 - 1) AS i
                WHERE t.bucket = $1 AND t.key = '{Template}'
                ON CONFLICT DO NOTHING
                RETURNING id)
            INSERT INTO segments ({Names(segmentColumns)})
            SELECT {string.Join(", ", segmentColumns.Select(c => Copy(c, "s", "c.id", "object_id")))}
            FROM copies c, segments s
            WHERE s.object_id = (SELECT id FROM objects WHERE bucket = $1 AND key = '{Template}')
            """;

        await using (var connection = await source.OpenConnectionAsync(cancellationToken))
        await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var seed = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 })
            {
                seed.Parameters.Add(new NpgsqlParameter { Value = ListingKeys.Bucket });
                seed.Parameters.Add(new NpgsqlParameter { Value = keys });
                seed.Parameters.Add(new NpgsqlParameter { Value = context.Profile.ListingKeysPerDirectory });
                await seed.ExecuteNonQueryAsync(cancellationToken);
            }

            // The template itself goes, so the bucket holds exactly the listing's keys; its blob stays referenced by the copies.
            await using (var removeTemplate = new NpgsqlCommand(
                $"""
                WITH template AS (DELETE FROM objects WHERE bucket = $1 AND key = '{Template}' RETURNING id)
                DELETE FROM segments WHERE object_id IN (SELECT id FROM template)
                """, connection, tx))
            {
                removeTemplate.Parameters.Add(new NpgsqlParameter { Value = ListingKeys.Bucket });
                await removeTemplate.ExecuteNonQueryAsync(cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
        }

        // Statistics and the visibility map as autovacuum would leave them, so the first timed pages do not pay for them.
        await PgProbes.ExecuteAsync(source, "VACUUM ANALYZE objects", cancellationToken);
        await PgProbes.ExecuteAsync(source, "VACUUM ANALYZE segments", cancellationToken);
        context.Progress($"5. seeded {keys:N0} keys in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The table's columns a row copy writes: all but generated ones (the identity id), in table order.</summary>
    private static async Task<List<string>> ColumnsAsync(NpgsqlDataSource source, string table, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'NO' AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns.Count > 0 ? columns : throw new InvalidOperationException($"The server's database has no table {table}.");
    }

    private static string Names(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));
}
