using Cairn.Core.Checksums;

namespace Cairn.Core.Model;

/// <summary>
/// One piece of an object's content: <paramref name="Length"/> bytes of blob <paramref name="BlobId"/> from
/// <paramref name="BlobOffset"/>. A whole PUT is one segment; a completed multipart upload has one per part, which
/// remembers the part's number, ETag and the checksum of the upload's algorithm (GetObjectAttributes shows them).
/// </summary>
public sealed record Segment(string BlobId, long BlobOffset, long Length, int? PartNumber = null, string? PartETag = null,
    IReadOnlyDictionary<ChecksumAlgorithm, string>? PartChecksums = null);
