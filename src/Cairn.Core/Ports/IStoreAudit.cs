namespace Cairn.Core.Ports;

/// <summary>
/// What <c>cairn admin verify</c> reads from the metadata store to compare it with the blob directory: every blob a
/// row references, in bounded pages, who references one, and whether an unreferenced blob is already queued as
/// garbage (then it is on its way out, not an orphan).
/// </summary>
public interface IStoreAudit
{
    /// <summary>
    /// Distinct blob ids referenced by an object segment or an upload part, in ordinal order after
    /// <paramref name="afterBlobId"/> (exclusive), at most <paramref name="max"/>.
    /// </summary>
    Task<IReadOnlyList<string>> ListReferencedBlobsAsync(string? afterBlobId, int max, CancellationToken cancellationToken);

    /// <summary>The objects and upload parts that reference <paramref name="blobId"/>.</summary>
    Task<IReadOnlyList<BlobReference>> FindBlobReferencesAsync(string blobId, CancellationToken cancellationToken);

    /// <summary>Whether the blob is in the garbage queue.</summary>
    Task<bool> IsQueuedAsync(string blobId, CancellationToken cancellationToken);
}

/// <summary>
/// A row that references a blob: an object's segment (<see cref="UploadId"/> null) or an upload's part.
/// </summary>
public sealed record BlobReference(string BlobId, string Bucket, string Key, string? UploadId, int? PartNumber);
