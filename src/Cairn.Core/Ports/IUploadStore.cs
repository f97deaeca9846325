using Cairn.Core.Model;
using Cairn.Core.Multipart;

namespace Cairn.Core.Ports;

/// <summary>
/// Multipart uploads and their parts in the metadata store. Each write is one atomic transaction; part blobs that
/// lose their last reference in it are queued as garbage in that same transaction.
/// </summary>
public interface IUploadStore
{
    /// <summary>Records a new multipart upload (NoSuchBucket when the bucket is gone).</summary>
    Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken);

    Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>The upload and all its parts, read together in one snapshot; null when the upload is gone.</summary>
    Task<UploadWithParts?> GetUploadWithPartsAsync(string uploadId, CancellationToken cancellationToken);

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
    /// Commits an object built from an upload, in one transaction, only if the upload still exists and every part
    /// the object is made of still has the blob it was built from. Then the object becomes visible (replacing any
    /// previous one), the upload and its part rows go, unlisted parts' blobs are queued as garbage and the
    /// completion is remembered for retries. Every expected way of not committing is an outcome, not an exception;
    /// only a write condition that no longer holds throws (ConditionalRequestConflict), as for any write.
    /// </summary>
    Task<CompleteOutcome> CompleteUploadAsync(UploadCompletion completion, CancellationToken cancellationToken);

    /// <summary>A recent completion of this upload id, if remembered.</summary>
    Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken cancellationToken);
}
