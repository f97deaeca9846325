using Cairn.Core.Authorization.Acl;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;

namespace Cairn.Core.Objects;

/// <summary>Whole-object use cases: put, read, delete, copy. Each ends in one metadata transaction.</summary>
public sealed class ObjectService(
    IBucketStore buckets, IObjectStore objects, IBlobStore blobs, StorageLimits limits, SpaceAdmission space, TimeProvider time, ChecksumPolicy? checksums = null)
{
    private readonly BlobIngest _ingest = new(blobs);

    private readonly ChecksumPolicy _checksums = checksums ?? ChecksumPolicy.Default;

    public async Task<ObjectRecord> PutAsync(PutObjectCommand command, Stream body, CancellationToken cancellationToken)
    {
        ObjectKey.ValidateForWrite(command.Key, limits.MaxKeyBytes);
        if (command.ContentLength > limits.MaxPutObjectSize)
        {
            throw new CairnException(ErrorCode.EntityTooLarge);
        }

        await RequireBucketAsync(command.Bucket, cancellationToken);
        await command.Condition.CheckAsync(objects, command.Bucket, command.Key, cancellationToken);
        command = command with { Integrity = command.Integrity.Computing(_checksums.With(command.Integrity.Algorithms)) };
        using var claim = space.Admit(command.ContentLength ?? 0);
        var inlineLimit = limits.InlineObjectMaxSize;
        if (command.ContentLength is not { } announced)
        {
            // No length announced: whatever fits the inline limit stays inline, the rest streams on into a blob.
            var prefix = new byte[inlineLimit + 1];
            var filled = await BlobIngest.ReadChunkAsync(body, prefix, prefix.Length, cancellationToken);
            if (filled <= inlineLimit)
            {
                if (filled > limits.MaxPutObjectSize)
                {
                    throw new CairnException(ErrorCode.EntityTooLarge);
                }

                return await CommitInlineAsync(command, BlobIngest.VerifyInline(prefix[..filled], command.Integrity));
            }

            body = new PrefixedStream(prefix, body);
        }
        else if (announced <= inlineLimit)
        {
            return await CommitInlineAsync(command, await BlobIngest.ReadInlineAsync(body, announced, command.Integrity, cancellationToken));
        }

        var (blobId, hashes) = await _ingest.WriteAsync(body, command.ContentLength, limits.MaxPutObjectSize, command.Integrity, claim, cancellationToken);
        var record = NewRecord(command, hashes) with { Segments = [new Segment(blobId, 0, hashes.Length)] };
        await CommitOrDiscardAsync(record, [blobId], command.Condition);
        return record;
    }

    private async Task<ObjectRecord> CommitInlineAsync(PutObjectCommand command, (byte[] Content, ContentHashes Hashes) inline)
    {
        var record = NewRecord(command, inline.Hashes) with { InlineContent = inline.Content };
        await objects.PutObjectAsync(record, command.Condition, CancellationToken.None);
        return record;
    }

    private ObjectRecord NewRecord(PutObjectCommand command, ContentHashes hashes) => new()
    {
        Bucket = command.Bucket,
        Key = command.Key,
        Size = hashes.Length,
        ETag = hashes.Md5Hex,
        LastModified = time.GetUtcNow(),
        Headers = command.Headers,
        UserMetadata = command.UserMetadata,
        Checksums = hashes.Base64Checksums(),
        Owner = command.Owner,
        Acl = command.Acl,
        Tags = command.Tags,
    };

    /// <summary>The object's metadata, or null when the key does not exist (a hot path: no exception).</summary>
    public async Task<ObjectRecord?> GetInfoAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var record = await objects.GetObjectAsync(bucket, key, cancellationToken);
        if (record is null)
        {
            await RequireBucketAsync(bucket, cancellationToken);
        }

        return record;
    }

    /// <summary>A stream over <paramref name="length"/> bytes of the object from <paramref name="start"/>.</summary>
    public Stream OpenContent(ObjectRecord record, long start, long length) => ObjectContent.Open(blobs, record, start, length);

    public async Task<bool> DeleteAsync(string bucket, string key, WriteCondition condition, CancellationToken cancellationToken)
    {
        await RequireBucketAsync(bucket, cancellationToken);
        await condition.CheckAsync(objects, bucket, key, cancellationToken);
        return await objects.DeleteObjectAsync(bucket, key, condition, cancellationToken);
    }

    /// <summary>
    /// Replaces the tags of an existing object (its content, metadata and time stay); NoSuchKey when there is none,
    /// NoSuchBucket when the bucket does not exist.
    /// </summary>
    public async Task SetTagsAsync(string bucket, string key, TagSet tags, CancellationToken cancellationToken)
    {
        if (!await objects.SetObjectTagsAsync(bucket, key, tags, cancellationToken))
        {
            await RequireBucketAsync(bucket, cancellationToken);
            throw Failures.NoSuchKey(key);
        }
    }

    /// <summary>
    /// Copies an object without copying bytes: the new object references the source's segments. With
    /// <paramref name="replace"/> the metadata comes from the request, otherwise from the source; the copy carries
    /// <paramref name="tags"/> (the source's or the request's, as the tagging directive decided).
    /// </summary>
    public async Task<ObjectRecord> CopyAsync(
        ObjectRecord source, string bucket, string key, bool replace, ObjectHeaders headers,
        IReadOnlyDictionary<string, string> userMetadata, TagSet tags, string owner, AccessControlList? acl, WriteCondition condition,
        CancellationToken cancellationToken)
    {
        ObjectKey.ValidateForWrite(key, limits.MaxKeyBytes);
        if (!replace && source.Bucket == bucket && source.Key == key)
        {
            throw new CairnException(
                ErrorCode.InvalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        await RequireBucketAsync(bucket, cancellationToken);
        space.AdmitMetadata();
        await condition.CheckAsync(objects, bucket, key, cancellationToken);
        var record = source with
        {
            Bucket = bucket,
            Key = key,
            LastModified = time.GetUtcNow(),
            Headers = replace ? headers : source.Headers,
            UserMetadata = replace ? userMetadata : source.UserMetadata,
            Tags = tags,
            Owner = owner,
            Acl = acl,
        };
        await objects.PutObjectAsync(record, condition, cancellationToken);
        return record;
    }

    public async Task<BucketRecord> RequireBucketAsync(string bucket, CancellationToken cancellationToken) =>
        await buckets.GetBucketAsync(bucket, cancellationToken)
        ?? throw Failures.NoSuchBucket(bucket);

    /// <summary>Commits the record; if the transaction fails the fresh blobs are deleted at once.</summary>
    private async Task CommitOrDiscardAsync(ObjectRecord record, IReadOnlyList<string> freshBlobs, WriteCondition condition)
    {
        try
        {
            // Not cancellable: once the blob is durable, a vanished client must not leave it half-committed.
            await objects.PutObjectAsync(record, condition, CancellationToken.None);
        }
        catch
        {
            foreach (var id in freshBlobs)
            {
                blobs.Delete(id);
            }

            throw;
        }
    }
}
