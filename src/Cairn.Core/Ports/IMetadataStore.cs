using Cairn.Core.Model;

namespace Cairn.Core.Ports;

/// <summary>
/// The transactional metadata store. Every method is one atomic transaction; races between requests (also
/// from several server processes) are settled here. Blobs that lose their last reference inside a
/// transaction are queued as garbage in that same transaction.
/// </summary>
public interface IMetadataStore
{
    /// <summary>Creates a bucket; returns the existing record instead when the name is taken.</summary>
    Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, CancellationToken cancellationToken);

    Task<BucketRecord?> GetBucketAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes an empty bucket (NoSuchBucket, BucketNotEmpty otherwise); its incomplete uploads are aborted.</summary>
    Task DeleteBucketAsync(string name, CancellationToken cancellationToken);

    Task<ObjectRecord?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>Makes the object visible, replacing any previous one (NoSuchBucket when the bucket is gone).</summary>
    Task PutObjectAsync(ObjectRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the object visible if <paramref name="condition"/> still holds for the object it replaces, in the same
    /// transaction (<see cref="WriteCondition.CheckAtCommit"/>: ConditionalRequestConflict otherwise).
    /// </summary>
    Task PutObjectAsync(ObjectRecord record, WriteCondition condition, CancellationToken cancellationToken);

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

    /// <summary>Garbage blobs queued at least <paramref name="minAge"/> ago.</summary>
    Task<IReadOnlyList<string>> GetGarbageAsync(TimeSpan minAge, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The garbage collector's claim, in one write transaction: every candidate that nothing references is
    /// marked doomed (and returned: its file may now be deleted); a referenced one is dropped from the queue.
    /// A doomed blob can never be referenced again: a write that would reference one (a copy whose source
    /// was deleted meanwhile) fails with NoSuchKey instead of pointing at a file about to vanish.
    /// </summary>
    Task<IReadOnlyList<string>> DoomAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken);

    /// <summary>Forgets garbage entries whose blobs were deleted.</summary>
    Task RemoveGarbageAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken);

    /// <summary>Whether any object segment or upload part references the blob.</summary>
    Task<bool> IsBlobReferencedAsync(string blobId, CancellationToken cancellationToken);

    /// <summary>Records a new multipart upload (NoSuchBucket when the bucket is gone).</summary>
    Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken);

    Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a part, replacing any earlier part with the same number (its blob becomes garbage). Throws
    /// NoSuchUpload when the upload no longer exists (completed or aborted meanwhile).
    /// </summary>
    Task PutPartAsync(PartRecord part, CancellationToken cancellationToken);

    /// <summary>Parts with numbers greater than <paramref name="afterPartNumber"/>, ascending; null when the upload is gone.</summary>
    Task<PartPage?> ListPartsAsync(string uploadId, int afterPartNumber, int maxParts, CancellationToken cancellationToken);

    /// <summary>
    /// In-progress uploads of a bucket ordered by key, then initiation time, then id; after the
    /// (keyMarker, uploadIdMarker) position; with delimiter roll-up.
    /// </summary>
    Task<UploadPage> ListUploadsAsync(string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken);

    /// <summary>Drops the upload and queues its part blobs as garbage; false when it does not exist.</summary>
    Task<bool> AbortUploadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Completes an upload in one transaction: reads the upload and all its parts, lets <paramref name="build"/>
    /// validate the client's list and build the object (throwing leaves everything untouched), makes the object
    /// visible (replacing any previous one), drops the upload and its part rows, queues unlisted parts' blobs
    /// as garbage and remembers the completion for retries. Throws NoSuchUpload when the upload is gone, and
    /// ConditionalRequestConflict when <paramref name="condition"/> no longer holds for the object it replaces.
    /// </summary>
    Task<ObjectRecord> CompleteUploadAsync(
        string uploadId, Func<UploadRecord, IReadOnlyDictionary<int, PartRecord>, (ObjectRecord Record, string PartListHash)> build,
        WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>A recent completion of this upload id, if remembered.</summary>
    Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken cancellationToken);
}
