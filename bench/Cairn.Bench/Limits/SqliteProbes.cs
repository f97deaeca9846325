using System.Diagnostics;
using Cairn.Bench.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cairn.Bench.Limits;

/// <summary>SQLite ceilings on the data dir's disk, with the server's settings (WAL, synchronous=FULL).</summary>
internal static class SqliteProbes
{
    /// <summary>One-row durable transactions per second from a single connection.</summary>
    public static double CommitRate(string directory, TimeSpan duration)
    {
        var path = Path.Combine(directory, "commit-probe.db");
        try
        {
            using var connection = OpenDurable(path);
            ServerSchema.Execute(connection, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (v) VALUES ('0123456789abcdef0123456789abcdef')";
            var clock = Stopwatch.StartNew();
            long commits = 0;
            while (clock.Elapsed < duration)
            {
                using var tx = connection.BeginTransaction(deferred: false);
                insert.Transaction = tx;
                insert.ExecuteNonQuery();
                tx.Commit();
                commits++;
            }

            return commits / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            DeleteDatabase(path);
        }
    }

    /// <summary>
    /// The floor of a metadata-only Complete of <paramref name="parts"/> parts, in seconds (fastest of
    /// <paramref name="repetitions"/>): in one durable transaction, read the upload's part rows, delete them, insert the
    /// object row and one segment row per part — on tables made from the server's own CREATE statements. Null when the
    /// schema has no such tables (it changed shape).
    /// </summary>
    public static double? CompleteFloor(ServerSchema schema, string directory, int parts, int repetitions)
    {
        double? best = null;
        for (var i = 0; i < repetitions; i++)
        {
            if (CompleteOnce(schema, directory, parts) is not { } seconds)
            {
                return null;
            }

            best = Math.Min(best ?? double.MaxValue, seconds);
        }

        return best;
    }

    private static double? CompleteOnce(ServerSchema schema, string directory, int parts)
    {
        var path = Path.Combine(directory, "complete-probe.db");
        try
        {
            using var connection = OpenDurable(path);
            foreach (var statement in schema.Statements)
            {
                ServerSchema.Execute(connection, statement);
            }

            using (var seed = connection.BeginTransaction())
            using (var insert = Prepare(connection, seed,
                "INSERT INTO parts (upload_id, part_number, blob_id, size, etag, checksums, last_modified) VALUES ('u', $n, $b, 102400, $e, NULL, 0)",
                "$n", "$b", "$e"))
            {
                for (var n = 1; n <= parts; n++)
                {
                    insert.Parameters[0].Value = n;
                    insert.Parameters[1].Value = Guid.NewGuid().ToString("N");
                    insert.Parameters[2].Value = Guid.NewGuid().ToString("N");
                    insert.ExecuteNonQuery();
                }

                seed.Commit();
            }

            var clock = Stopwatch.StartNew();
            using var tx = connection.BeginTransaction(deferred: false);
            var rows = new List<(long Number, string Blob, long Size, string ETag)>(parts);
            using (var select = Prepare(connection, tx, "SELECT part_number, blob_id, size, etag FROM parts WHERE upload_id = 'u' ORDER BY part_number"))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
                }
            }

            using (var delete = Prepare(connection, tx, "DELETE FROM parts WHERE upload_id = 'u'"))
            {
                delete.ExecuteNonQuery();
            }

            long id;
            using (var insertObject = Prepare(connection, tx,
                "INSERT INTO objects (bucket, key, size, etag, last_modified, headers, owner, parts_count) VALUES ('b', 'k', 0, 'e', 0, '{}', 'o', $p) RETURNING id", "$p"))
            {
                insertObject.Parameters[0].Value = parts;
                id = (long)insertObject.ExecuteScalar()!;
            }

            using (var insertSegment = Prepare(connection, tx,
                "INSERT INTO segments (object_id, seq, blob_id, blob_offset, length, part_number, part_etag) VALUES ($id, $seq, $b, 0, $len, $n, $e)",
                "$id", "$seq", "$b", "$len", "$n", "$e"))
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    insertSegment.Parameters[0].Value = id;
                    insertSegment.Parameters[1].Value = i;
                    insertSegment.Parameters[2].Value = rows[i].Blob;
                    insertSegment.Parameters[3].Value = rows[i].Size;
                    insertSegment.Parameters[4].Value = rows[i].Number;
                    insertSegment.Parameters[5].Value = rows[i].ETag;
                    insertSegment.ExecuteNonQuery();
                }
            }

            tx.Commit();
            return clock.Elapsed.TotalSeconds;
        }
        catch (SqliteException)
        {
            return null;
        }
        finally
        {
            DeleteDatabase(path);
        }
    }

    private static SqliteConnection OpenDurable(string path)
    {
        DeleteDatabase(path);
        var connection = ServerSchema.OpenReadWrite(path);
        ServerSchema.Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        return connection;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }
}
