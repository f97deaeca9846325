using System.Diagnostics;
using System.Globalization;
using Cairn.Bench.Data;
using Cairn.Bench.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// Builds the data dir of scenario 5: one bucket with N keys <c>d000000/f0</c> … (10 per "directory"), seeded without
/// HTTP. A Cairn is started once on an empty dir to create the bucket and one real 128 KiB object, then stopped; its
/// object row and segment row become the template of N rows bulk-inserted in one transaction, every one pointing at
/// that one real blob (a listing reads no segments, but a GET of any key would work). The result is cached under
/// <c>&lt;cache&gt;/listing-v&lt;schema version&gt;-&lt;schema hash&gt;-&lt;N&gt;</c> and copied for each run.
/// </summary>
internal static class SqliteListingSeeder
{
    private const string ReadyFile = "READY";

    /// <summary>A fresh copy of the seeded data dir (seeding first when the cache has none for this schema).</summary>
    public static async Task<string> PrepareAsync(BenchContext context, int keys, CancellationToken cancellationToken)
    {
        var schema = ServerSchema.Read(Path.Combine(context.Options.DataDirectory, "cairn.db"));
        var cached = Path.Combine(context.Options.CacheDirectory, $"listing-{schema.CacheKey}-{keys}");
        if (File.Exists(Path.Combine(cached, ReadyFile)))
        {
            context.Progress($"5. seeded listing db found in cache ({cached})");
        }
        else
        {
            var clock = Stopwatch.StartNew();
            var seeding = context.WorkPath("listing-seed");
            await SeedAsync(context, seeding, keys, cancellationToken);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }

            CopyDataDirectory(seeding, cached);
            Directory.Delete(seeding, recursive: true);
            File.WriteAllText(Path.Combine(cached, ReadyFile),
                string.Create(CultureInfo.InvariantCulture, $"{keys} keys, schema {schema.CacheKey}, seeded {DateTimeOffset.UtcNow:u} in {clock.Elapsed.TotalSeconds:0.0} s\n"));
            context.Progress($"5. seeded {keys:N0} keys in {clock.Elapsed.TotalSeconds:0.0} s, cached in {cached}");
        }

        var data = context.WorkPath("listing-data");
        CopyDataDirectory(cached, data);
        return data;
    }

    private static async Task SeedAsync(BenchContext context, string data, int keys, CancellationToken cancellationToken)
    {
        context.Progress($"5. seeding {keys:N0} keys: template object through a Cairn on {data}");
        await using (var server = await context.StartCairnAsync(data, cancellationToken))
        {
            var client = context.ClientFor(server.BaseAddress);
            await client.CreateBucketAsync(ListingKeys.Bucket, cancellationToken);
            // Larger than the server's inline limit (64 KiB), so the template has a blob and a segment row to copy.
            await client.PutObjectAsync(ListingKeys.Bucket, "template", new PatternContent(128 * 1024, 0), cancellationToken);
            await server.StopAsync();
        }

        using var connection = ServerSchema.OpenReadWrite(Path.Combine(data, "cairn.db"));
        ServerSchema.Execute(connection, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF;");
        using (var tx = connection.BeginTransaction())
        {
            var (objectColumns, objectValues, templateId) = ReadRow(connection, tx, "SELECT * FROM objects WHERE bucket = 'bench-list' AND key = 'template'");
            var (segmentColumns, segmentValues, _) = ReadRow(connection, tx, "SELECT * FROM segments WHERE object_id = $id", templateId);
            Run(connection, tx, "DELETE FROM segments WHERE object_id = $id", templateId);
            Run(connection, tx, "DELETE FROM objects WHERE id = $id", templateId);

            using var insertObject = Insert(connection, tx, "objects", objectColumns);
            using var insertSegment = Insert(connection, tx, "segments", segmentColumns);
            var keyColumn = Array.IndexOf(objectColumns, "key");
            var idColumn = Array.IndexOf(objectColumns, "id");
            var ownerColumn = Array.IndexOf(segmentColumns, "object_id");
            for (var i = 0; i < keys; i++)
            {
                var id = templateId + 1 + i;
                for (var c = 0; c < objectColumns.Length; c++)
                {
                    insertObject.Parameters[c].Value = c == keyColumn ? ListingKeys.KeyAt(i, context.Profile.ListingKeysPerDirectory) : c == idColumn ? id : objectValues[c];
                }

                insertObject.ExecuteNonQuery();
                for (var c = 0; c < segmentColumns.Length; c++)
                {
                    insertSegment.Parameters[c].Value = c == ownerColumn ? id : segmentValues[c];
                }

                insertSegment.ExecuteNonQuery();
            }

            tx.Commit();
        }

        // Back to the journal mode the server runs with, and no stray journal files in the cached copy.
        ServerSchema.Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static (string[] Columns, object[] Values, long Id) ReadRow(SqliteConnection connection, SqliteTransaction tx, string sql, long? id = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (id is { } value)
        {
            command.Parameters.AddWithValue("$id", value);
        }

        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"The template row is missing: {sql}");
        }

        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var values = Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray();
        var idIndex = Array.IndexOf(columns, "id");
        return (columns, values, idIndex >= 0 ? Convert.ToInt64(values[idIndex], CultureInfo.InvariantCulture) : 0);
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction tx, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction tx, string sql, long id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>Copies the database and the blobs (not tmp/, not the cache marker).</summary>
    private static void CopyDataDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative == ReadyFile || relative.StartsWith("tmp" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
