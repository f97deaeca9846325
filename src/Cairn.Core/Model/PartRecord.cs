using Cairn.Core.Checksums;

namespace Cairn.Core.Model;

/// <summary>One uploaded part: its own blob, MD5 ETag and checksums.</summary>
public sealed record PartRecord
{
    public required string UploadId { get; init; }
    public required int PartNumber { get; init; }
    public required string BlobId { get; init; }
    public required long Size { get; init; }

    /// <summary>Lowercase hex MD5 of the part, without quotes.</summary>
    public required string ETag { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    /// <summary>Base64 raw checksums computed or verified for the part.</summary>
    public IReadOnlyDictionary<ChecksumAlgorithm, string> Checksums { get; init; } = new Dictionary<ChecksumAlgorithm, string>();
}
