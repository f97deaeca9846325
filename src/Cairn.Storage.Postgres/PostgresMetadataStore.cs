using System.Data;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Postgres.Migrations;
using Npgsql;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// The metadata ports on PostgreSQL (or a PostgreSQL-wire engine), shared by every node of a cluster; one area per
/// file of this class, with the same contract as the embedded SQLite store (the store contract tests run on both).
/// Each write is one READ COMMITTED transaction on a pooled connection; races are settled by the row and advisory
/// locks of <see cref="Locks"/>, and a transaction PostgreSQL aborts as a deadlock or serialization failure runs
/// again. Concurrent commits share WAL flushes in PostgreSQL itself, so there is no single writer here; what batches
/// is the statement: many rows (a Complete's thousands of segments) go in one statement. Reads of several statements
/// run in one REPEATABLE READ transaction, one snapshot. When the database cannot be reached the store answers
/// SlowDown (503), which clients retry, and the pool starts afresh, so service resumes by itself once the database is
/// back. Design: docs/storage.md, "PostgreSQL".
/// </summary>
public sealed partial class PostgresMetadataStore : IDisposable
{
    /// <summary>How often a write aborted as a deadlock or serialization failure runs before the error is returned.</summary>
    private const int MaxAttempts = 5;

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;

    private PostgresMetadataStore(NpgsqlDataSource source, TimeProvider time)
    {
        _source = source;
        _time = time;
    }

    /// <summary>Connects, applies the schema steps the database lacks, and returns the store.</summary>
    public static async Task<PostgresMetadataStore> OpenAsync(string connectionString, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The store runs a small fixed set of statements: prepared once per connection, they skip parsing and planning.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        var source = builder.Build();
        try
        {
            await Unavailable.TranslateAsync(() => PgSchemaSteps.ApplyAsync(source, cancellationToken), source);
            return new PostgresMetadataStore(source, time);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => _source.Dispose();

    /// <summary>
    /// Runs the work in its own READ COMMITTED transaction; aborted as a deadlock or serialization failure, it runs
    /// again on a fresh transaction (the work only reads and writes through the transaction, so running it again is
    /// safe). The commit itself is never cancelled: a commit that was sent may have happened.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Unavailable.TranslateAsync(async () =>
                {
                    await using var connection = await _source.OpenConnectionAsync(cancellationToken);
                    await using var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
                    var result = await work(tx);
                    await tx.CommitAsync(CancellationToken.None);
                    return result;
                }, _source);
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>Runs a single-statement read on a pooled connection.</summary>
    internal Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken) =>
        Unavailable.TranslateAsync(async () =>
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            return await read(connection);
        }, _source);

    /// <summary>Runs a read of several statements in one REPEATABLE READ transaction, so they all see one snapshot.</summary>
    internal Task<T> SnapshotAsync<T>(Func<NpgsqlTransaction, Task<T>> read, CancellationToken cancellationToken) =>
        Unavailable.TranslateAsync(async () =>
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            return await read(tx);
        }, _source);

    private static async Task CheckAtCommitAsync(NpgsqlTransaction tx, string bucket, string key, WriteCondition condition, CancellationToken cancellationToken)
    {
        if (!condition.IsNone)
        {
            condition.CheckAtCommit(await ScalarAsync(tx, "SELECT etag FROM objects WHERE bucket = $1 AND key = $2", cancellationToken, bucket, key) as string);
        }
    }

    private static async Task RequireBucketAsync(NpgsqlTransaction tx, string bucket, CancellationToken cancellationToken)
    {
        if (!await Locks.BucketAsync(tx, bucket, cancellationToken))
        {
            throw Failures.NoSuchBucket(bucket);
        }
    }
}
