using Cairn.Core.Checksums;

namespace Cairn.Core.Multipart;

/// <summary>One entry of a CompleteMultipartUpload list: part number, ETag and any per-part checksums the client sent.</summary>
public sealed record CompletePart(int PartNumber, string ETag, IReadOnlyDictionary<ChecksumAlgorithm, string> Checksums);
