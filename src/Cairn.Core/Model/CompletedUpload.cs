using Cairn.Core.Checksums;

namespace Cairn.Core.Model;

/// <summary>
/// A record of a recent successful Complete, kept so that a retried Complete with the same part list (SDKs
/// retry when the response is lost) gets the same answer instead of NoSuchUpload.
/// </summary>
public sealed record CompletedUpload(string UploadId, string Bucket, string Key, string ETag, string PartListHash, DateTimeOffset CompletedAt,
    IReadOnlyDictionary<ChecksumAlgorithm, string> Checksums, ChecksumType? ChecksumType)
{
    /// <summary>How long a completed upload id answers a retried Complete with the same success.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether a Complete of <paramref name="bucket"/>/<paramref name="key"/> arriving at <paramref name="now"/> is a
    /// retry this completion still answers.
    /// </summary>
    public bool Answers(string bucket, string key, DateTimeOffset now) =>
        Bucket == bucket && Key == key && now - CompletedAt <= Memory;
}
