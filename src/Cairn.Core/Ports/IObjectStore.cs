using Cairn.Core.Authorization.Acl;
using Cairn.Core.Model;
using Cairn.Core.Tagging;

namespace Cairn.Core.Ports;

/// <summary>
/// Objects in the metadata store. Each write is one atomic transaction; blobs that lose their last reference in it
/// are queued as garbage in that same transaction.
/// </summary>
public interface IObjectStore
{
    Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Makes the object visible, replacing any previous one (NoSuchBucket when the bucket is gone).</summary>
    Task PutObjectAsync(ObjectRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the object visible if <paramref name="condition"/> still holds for the object it replaces, in the same
    /// transaction (<see cref="WriteCondition.CheckAtCommit"/>: ConditionalRequestConflict otherwise).
    /// </summary>
    Task PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the ACL (and, for ownership changes, the owner) of the object as it is now, leaving content and
    /// metadata alone; false when there is no such object.
    /// </summary>
    Task<bool> SetObjectAclAsync(string bucket, string key, string owner, AccessControlList? acl, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the tags of the object as it is now, leaving content, metadata and time alone; false when there is no
    /// such object.
    /// </summary>
    Task<bool> SetObjectTagsAsync(string bucket, string key, TagSet tags, CancellationToken cancellationToken);

    /// <summary>Removes the object; returns false when there was none.</summary>
    Task<bool> DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Removes the object if <paramref name="condition"/> still holds for it; returns false when there was none.</summary>
    Task<bool> DeleteObjectAsync(string bucket, string key, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>
    /// Lists keys in UTF-8 byte order. <paramref name="after"/> is exclusive; with a delimiter, keys that
    /// share a prefix up to the delimiter roll up into one common prefix, and common prefixes not greater
    /// than <paramref name="after"/> are skipped. Listed records carry what a listing shows (key, size, ETag,
    /// time, owner, storage class, checksum algorithms without values) and no segments.
    /// </summary>
    Task<ObjectPage> ListObjectsAsync(string bucket, string prefix, string? delimiter, string? after, int maxKeys, CancellationToken cancellationToken);
}
