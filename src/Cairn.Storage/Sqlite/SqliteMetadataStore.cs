using Cairn.Core.Errors;
using Cairn.Core.Multipart;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Space;
using Cairn.Storage.FileSystem;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.ObjectRows;
using static Cairn.Storage.Sqlite.Sql;
using static Cairn.Storage.Sqlite.UploadRows;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// <see cref="IMetadataStore"/> on an embedded SQLite database in WAL mode. Writes go through one connection
/// with group commit (<see cref="GroupCommitWriter"/>; SQLite admits one writer at a time anyway); readers use
/// pooled connections and see the last committed state. A write that fails because the volume is full becomes
/// InsufficientStorage; writes that free space (deletes, aborts, the collector's bookkeeping) and opening the
/// database then release part of the <see cref="SpaceReserve"/>, when there is one, and run once more.
/// </summary>
public sealed class SqliteMetadataStore : IMetadataStore, IDisposable
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

    public async Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, CancellationToken cancellationToken) =>
        await WriteAsync(tx =>
        {
            var existing = ReadBucket(tx.Connection!, tx, bucket.Name);
            if (existing is not null)
            {
                return existing;
            }

            Execute(tx, "INSERT INTO buckets (name, owner, created_at) VALUES ($n, $o, $t)",
                ("$n", bucket.Name), ("$o", bucket.Owner), ("$t", bucket.CreatedAt.ToUnixTimeMilliseconds()));
            return null;
        }, cancellationToken);

    public Task<BucketRecord?> GetBucketAsync(string name, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        return Task.FromResult(ReadBucket(connection, null, name));
    }

    public Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        using var command = Command(connection, null, "SELECT name, owner, created_at FROM buckets ORDER BY name");
        using var reader = command.ExecuteReader();
        var list = new List<BucketRecord>();
        while (reader.Read())
        {
            list.Add(new BucketRecord(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return Task.FromResult<IReadOnlyList<BucketRecord>>(list);
    }

    public Task DeleteBucketAsync(string name, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
        {
            if (ReadBucket(tx.Connection!, tx, name) is null)
            {
                throw Failures.NoSuchBucket(name);
            }

            if (Scalar(tx, "SELECT 1 FROM objects WHERE bucket = $b LIMIT 1", ("$b", name)) is not null)
            {
                throw new CairnException(ErrorCode.BucketNotEmpty, "The bucket you tried to delete is not empty.")
                {
                    Extra = new Dictionary<string, string> { ["BucketName"] = name },
                };
            }

            // Incomplete uploads do not keep a bucket alive: they are aborted with it.
            var partBlobs = Strings(tx, "SELECT p.blob_id FROM parts p JOIN uploads u ON u.upload_id = p.upload_id WHERE u.bucket = $b", ("$b", name));
            Execute(tx, "DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = $b)", ("$b", name));
            Execute(tx, "DELETE FROM uploads WHERE bucket = $b", ("$b", name));
            QueueIfUnreferenced(tx, partBlobs, _time.GetUtcNow());
            Execute(tx, "DELETE FROM buckets WHERE name = $b", ("$b", name));
            return 0;
        }, cancellationToken);

    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        using var tx = connection.BeginTransaction(deferred: true);
        var record = ReadObject(tx, bucket, key, withSegments: true);
        return Task.FromResult(record);
    }

    public Task PutObjectAsync(ObjectRecord record, CancellationToken cancellationToken) =>
        PutObjectAsync(record, WriteCondition.None, cancellationToken);

    public Task PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken cancellationToken) =>
        WriteAsync(tx =>
        {
            RequireBucket(tx, record.Bucket);
            CheckAtCommit(tx, record.Bucket, record.Key, condition);
            Reference(tx, record.Segments.Select(s => s.BlobId), record.Key);
            var released = RemoveObject(tx, record.Bucket, record.Key) ?? [];
            InsertObject(tx, record);
            released.ExceptWith(record.Segments.Select(s => s.BlobId));
            QueueIfUnreferenced(tx, released, _time.GetUtcNow());
            return 0;
        }, cancellationToken);

    public Task<bool> DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken) =>
        DeleteObjectAsync(bucket, key, WriteCondition.None, cancellationToken);

    public Task<bool> DeleteObjectAsync(string bucket, string key, WriteCondition condition, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
        {
            CheckAtCommit(tx, bucket, key, condition);
            if (RemoveObject(tx, bucket, key) is not { } released)
            {
                return false;
            }

            QueueIfUnreferenced(tx, released, _time.GetUtcNow());
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> GetGarbageAsync(TimeSpan minAge, int max, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        var cutoff = (_time.GetUtcNow() - minAge).ToUnixTimeMilliseconds();
        IReadOnlyList<string> ids = Strings(connection, null, "SELECT blob_id FROM garbage WHERE queued_at <= $c LIMIT $m", ("$c", cutoff), ("$m", max));
        return Task.FromResult(ids);
    }

    public Task<IReadOnlyList<string>> DoomAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync<IReadOnlyList<string>>(tx =>
        {
            var doomed = new List<string>(candidates.Count);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var blobId in candidates)
            {
                if (IsReferenced(tx.Connection!, tx, blobId))
                {
                    Execute(tx, "DELETE FROM garbage WHERE blob_id = $id", ("$id", blobId));
                    continue;
                }

                Execute(tx, "INSERT INTO garbage (blob_id, queued_at, doomed) VALUES ($id, $t, 1) ON CONFLICT (blob_id) DO UPDATE SET doomed = 1",
                    ("$id", blobId), ("$t", now));
                doomed.Add(blobId);
            }

            return doomed;
        }, cancellationToken);

    public Task RemoveGarbageAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
        {
            foreach (var id in blobIds)
            {
                Execute(tx, "DELETE FROM garbage WHERE blob_id = $id", ("$id", id));
            }

            return 0;
        }, cancellationToken);

    public Task<ObjectPage> ListObjectsAsync(
        string bucket, string prefix, string? delimiter, string? after, int maxKeys, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        using var tx = connection.BeginTransaction(deferred: true);
        return Task.FromResult(ObjectListing.List(tx, bucket, prefix, delimiter, after, maxKeys));
    }

    public Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        return Task.FromResult(IsReferenced(connection, null, blobId));
    }

    public Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        WriteAsync(tx =>
        {
            RequireBucket(tx, upload.Bucket);
            InsertUpload(tx, upload);
            return 0;
        }, cancellationToken);

    public Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        return Task.FromResult(ReadUpload(connection, null, uploadId));
    }

    public Task PutPartAsync(PartRecord part, CancellationToken cancellationToken) =>
        WriteAsync(tx =>
        {
            if (ReadUpload(tx.Connection!, tx, part.UploadId) is null)
            {
                throw MultipartService.NoSuchUpload(part.UploadId);
            }

            Reference(tx, [part.BlobId], part.UploadId);
            if (UpsertPart(tx, part) is { } replaced)
            {
                QueueIfUnreferenced(tx, [replaced], _time.GetUtcNow());
            }

            return 0;
        }, cancellationToken);

    public Task<PartPage?> ListPartsAsync(string uploadId, int afterPartNumber, int maxParts, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        using var tx = connection.BeginTransaction(deferred: true);
        if (ReadUpload(connection, tx, uploadId) is not { } upload)
        {
            return Task.FromResult<PartPage?>(null);
        }

        var parts = ReadParts(connection, tx, uploadId, afterPartNumber, maxParts + 1);
        var truncated = parts.Count > maxParts;
        if (truncated)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return Task.FromResult<PartPage?>(new PartPage(upload, parts, truncated, parts.Count > 0 ? parts[^1].PartNumber : null));
    }

    public Task<UploadPage> ListUploadsAsync(
        string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        using var tx = connection.BeginTransaction(deferred: true);
        return Task.FromResult(UploadListing.List(tx, bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads));
    }

    public Task<bool> AbortUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
        {
            if (ReadUpload(tx.Connection!, tx, uploadId) is null)
            {
                return false;
            }

            QueueIfUnreferenced(tx, RemoveUpload(tx, uploadId), _time.GetUtcNow());
            return true;
        }, cancellationToken);

    public Task<ObjectRecord> CompleteUploadAsync(
        string uploadId, Func<UploadRecord, IReadOnlyDictionary<int, PartRecord>, (ObjectRecord Record, string PartListHash)> build,
        WriteCondition condition, CancellationToken cancellationToken) =>
        WriteAsync(tx =>
        {
            var upload = ReadUpload(tx.Connection!, tx, uploadId) ?? throw MultipartService.NoSuchUpload(uploadId);
            var parts = ReadParts(tx.Connection!, tx, uploadId, 0, int.MaxValue).ToDictionary(p => p.PartNumber);
            var (record, listHash) = build(upload, parts);
            RequireBucket(tx, record.Bucket);
            CheckAtCommit(tx, record.Bucket, record.Key, condition);
            var released = RemoveObject(tx, record.Bucket, record.Key) ?? [];
            released.UnionWith(RemoveUpload(tx, uploadId));
            InsertObject(tx, record);
            released.ExceptWith(record.Segments.Select(s => s.BlobId));
            var now = _time.GetUtcNow();
            QueueIfUnreferenced(tx, released, now);
            RememberCompletion(tx, new CompletedUpload(uploadId, record.Bucket, record.Key, record.ETag, listHash, now, record.Checksums, record.ChecksumType),
                now - MultipartService.CompletionMemory);
            return record;
        }, cancellationToken);

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        return Task.FromResult(ReadCompletion(connection, uploadId));
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
            Migrate(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A pooled read connection; it sees the last committed state.</summary>
    internal SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Migrate(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, null, "PRAGMA user_version") ?? 0L);
        if (version >= SqliteSchema.CurrentVersion)
        {
            return;
        }

        using var tx = connection.BeginTransaction(deferred: false);
        if (version < 1)
        {
            Execute(tx, SqliteSchema.Version1);
        }

        if (version < 2)
        {
            Execute(tx, SqliteSchema.Version2);
        }

        if (version < 3)
        {
            Execute(tx, SqliteSchema.Version3);
        }

        Execute(tx, $"PRAGMA user_version = {SqliteSchema.CurrentVersion}");
        tx.Commit();
    }
}
