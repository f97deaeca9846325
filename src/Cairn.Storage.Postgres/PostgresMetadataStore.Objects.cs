using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using Npgsql;
using static Cairn.Storage.Postgres.ObjectRows;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>Objects and their segments.</summary>
public sealed partial class PostgresMetadataStore : IObjectStore
{
    public Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken) =>
        Nul.In(key)
            ? Task.FromResult<ObjectRecord?>(null)
            : ReadAsync(connection => ReadObjectAsync(connection, bucket, key, cancellationToken), cancellationToken);

    public Task PutObjectAsync(ObjectRecord record, CancellationToken cancellationToken) =>
        PutObjectAsync(record, WriteCondition.None, cancellationToken);

    public Task PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken cancellationToken) =>
        WriteAsync(async tx =>
        {
            await RequireBucketAsync(tx, record.Bucket, cancellationToken);
            await Locks.ObjectKeyAsync(tx, record.Bucket, record.Key, cancellationToken);
            await CheckAtCommitAsync(tx, record.Bucket, record.Key, condition, cancellationToken);
            var blobs = record.Segments.Select(s => s.BlobId).ToHashSet();
            await ReferenceAsync(tx, blobs, record.Key, cancellationToken);
            var released = await RemoveObjectAsync(tx, record.Bucket, record.Key, cancellationToken) ?? [];
            await InsertObjectAsync(tx, record, cancellationToken);
            released.ExceptWith(blobs);
            await QueueIfUnreferencedAsync(tx, released, _time.GetUtcNow(), cancellationToken);
            return 0;
        }, cancellationToken);

    public Task<bool> SetObjectTagsAsync(string bucket, string key, TagSet tags, CancellationToken cancellationToken) =>
        Nul.In(bucket) || Nul.In(key) ? Task.FromResult(false) : WriteAsync(async tx =>
        {
            await Locks.ObjectKeyAsync(tx, bucket, key, cancellationToken);
            return await ExecuteAsync(tx, "UPDATE objects SET tags = $3 WHERE bucket = $1 AND key = $2",
                cancellationToken, bucket, key, TagSetJson.Write(tags)) == 1;
        }, cancellationToken);

    public Task<bool> DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken) =>
        DeleteObjectAsync(bucket, key, WriteCondition.None, cancellationToken);

    public Task<bool> DeleteObjectAsync(string bucket, string key, WriteCondition condition, CancellationToken cancellationToken)
    {
        if (Nul.In(key))
        {
            if (!condition.IsNone)
            {
                condition.CheckAtCommit(null);
            }

            return Task.FromResult(false);
        }

        return WriteAsync(async tx =>
        {
            await Locks.ObjectKeyAsync(tx, bucket, key, cancellationToken);
            await CheckAtCommitAsync(tx, bucket, key, condition, cancellationToken);
            return await RemoveCurrentAsync(tx, bucket, key, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Removes the object as it is now and queues the blobs nothing references any more as garbage: a delete's and
    /// an expiry's work, once their condition held under the key's lock. False when there is no object.
    /// </summary>
    private async Task<bool> RemoveCurrentAsync(NpgsqlTransaction tx, string bucket, string key, CancellationToken cancellationToken)
    {
        if (await RemoveObjectAsync(tx, bucket, key, cancellationToken) is not { } released)
        {
            return false;
        }

        await QueueIfUnreferencedAsync(tx, released, _time.GetUtcNow(), cancellationToken);
        return true;
    }
}
