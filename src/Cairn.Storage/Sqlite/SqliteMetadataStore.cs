using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Space;
using Cairn.Storage.Sqlite.Migrations;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// The metadata ports (<see cref="IBucketStore"/>, <see cref="IObjectStore"/>, <see cref="IUploadStore"/>,
/// <see cref="IGarbageStore"/>, <see cref="ILeaseStore"/>) on one embedded SQLite database in WAL mode, one area per file of this class. Writes
/// go through one connection with group commit (<see cref="GroupCommitWriter"/>; SQLite admits one writer at a time
/// anyway); readers use pooled connections, asynchronously, and see the last committed state. A write that fails because the volume is full becomes
/// InsufficientStorage; writes that free space (deletes, aborts, the collector's bookkeeping) and opening the
/// database then release part of the <see cref="SpaceReserve"/>, when there is one, and run once more.
/// </summary>
public sealed partial class SqliteMetadataStore : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly GroupCommitWriter _writeQueue;
    private readonly TimeProvider _time;
    private readonly SpaceReserve? _reserve;

    public SqliteMetadataStore(string databasePath, TimeProvider time, SpaceReserve? reserve = null)
    {
        _time = time;
        _reserve = reserve;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        // Created 0600 before SQLite sees it: SQLite gives the -wal and -shm files the database file's mode.
        OwnerOnly.CreateFile(databasePath);
        _writer = OpenWriter();
        _writeQueue = new GroupCommitWriter(_writer);
    }

    public void Dispose()
    {
        _writeQueue.Dispose();
        _writer.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static void CheckAtCommit(SqliteTransaction tx, string bucket, string key, WriteCondition condition)
    {
        if (!condition.IsNone)
        {
            condition.CheckAtCommit(Scalar(tx, "SELECT etag FROM objects WHERE bucket = $b AND key = $k", ("$b", bucket), ("$k", key)) as string);
        }
    }

    /// <summary>Runs the work in a write transaction shared with concurrent writers (group commit).</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        try
        {
            return await _writeQueue.WriteAsync(work, cancellationToken);
        }
        catch (SqliteException e) when (DiskFull.Is(e))
        {
            throw DiskFull.Error("committing metadata", e);
        }
    }

    /// <summary>
    /// A write that frees space, so it must work on a full volume: when it fails for lack of space, part of the
    /// reserve is released and the write runs once more.
    /// </summary>
    private async Task<T> ReclaimingWriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteAsync(work, cancellationToken);
        }
        catch (CairnException e) when (e.Code == ErrorCode.InsufficientStorage && _reserve is not null)
        {
            _reserve.Release(e.InnerException ?? e);
            return await WriteAsync(work, cancellationToken);
        }
    }

    /// <summary>
    /// Opens the writer connection. On a full volume even that can fail (the WAL index and log need a little
    /// space, and without them not even reads work), so it releases part of the reserve and tries once more.
    /// </summary>
    private SqliteConnection OpenWriter()
    {
        try
        {
            return OpenAndMigrate();
        }
        catch (SqliteException e) when (DiskFull.Is(e))
        {
            if (_reserve?.Release(e) != true)
            {
                throw DiskFull.Error("opening the metadata database", e);
            }
        }

        try
        {
            return OpenAndMigrate();
        }
        catch (SqliteException e) when (DiskFull.Is(e))
        {
            throw DiskFull.Error("opening the metadata database", e);
        }
    }

    private SqliteConnection OpenAndMigrate()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;");
            SchemaSteps.Apply(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A pooled reader connection on this database, for the stores that share it (identities).</summary>
    internal async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
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

    /// <summary>Runs a single-statement read on a pooled reader connection.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>Runs a read of several statements in one deferred transaction, so they all see one snapshot.</summary>
    private async Task<T> SnapshotAsync<T>(Func<SqliteTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var tx = connection.BeginTransaction(deferred: true);
        return await read(tx);
    }
}
