using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.ObjectRows;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>Objects and their segments.</summary>
public sealed partial class SqliteMetadataStore : IObjectStore
{
    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken) =>
        SnapshotAsync(tx => ReadObjectAsync(tx, bucket, key, cancellationToken), cancellationToken);

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

    public Task<bool> SetObjectTagsAsync(string bucket, string key, TagSet tags, CancellationToken cancellationToken) =>
        WriteAsync(tx => Execute(tx, "UPDATE objects SET tags = $t WHERE bucket = $b AND key = $k",
            ("$t", TagSetJson.Write(tags)), ("$b", bucket), ("$k", key)) == 1, cancellationToken);

    public Task<bool> DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken) =>
        DeleteObjectAsync(bucket, key, WriteCondition.None, cancellationToken);

    public Task<bool> DeleteObjectAsync(string bucket, string key, WriteCondition condition, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
        {
            CheckAtCommit(tx, bucket, key, condition);
            return RemoveCurrent(tx, bucket, key);
        }, cancellationToken);

    /// <summary>
    /// Removes the object as it is now and queues the blobs nothing references any more as garbage: a delete's and
    /// an expiry's work, once their condition held. False when there is no object.
    /// </summary>
    private bool RemoveCurrent(SqliteTransaction tx, string bucket, string key)
    {
        if (RemoveObject(tx, bucket, key) is not { } released)
        {
            return false;
        }

        QueueIfUnreferenced(tx, released, _time.GetUtcNow());
        return true;
    }

    public Task<ObjectPage> ListObjectsAsync(
        string bucket, string prefix, string? delimiter, string? after, int maxKeys, CancellationToken cancellationToken) =>
        SnapshotAsync(tx => ObjectListing.ListAsync(tx, bucket, prefix, delimiter, after, maxKeys, cancellationToken), cancellationToken);
}
