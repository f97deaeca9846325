namespace Cairn.Core.Model;

/// <summary>
/// A record of a recent successful Complete, kept so that a retried Complete with the same part list (SDKs
/// retry when the response is lost) gets the same answer instead of NoSuchUpload.
/// </summary>
public sealed record CompletedUpload(string UploadId, string Bucket, string Key, string ETag, string PartListHash, DateTimeOffset CompletedAt,
    IReadOnlyDictionary<Checksums.ChecksumAlgorithm, string> Checksums, string? ChecksumType);
