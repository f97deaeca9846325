namespace Cairn.Core.Checksums;

/// <summary>
/// The checksums Cairn computes over a body: those S3 lets a client attach (x-amz-checksum-*) and OSS's CRC-64. Values are persisted with
/// object metadata, so they are explicit and must never be renumbered.
/// </summary>
public enum ChecksumAlgorithm
{
    /// <summary>CRC-32 (IEEE 802.3, as in zlib and gzip).</summary>
    Crc32 = 1,
    /// <summary>CRC-32C (Castagnoli, as in iSCSI).</summary>
    Crc32C = 2,
    /// <summary>CRC-64/NVME (the 64-bit CRC defined by the NVM Express spec).</summary>
    Crc64Nvme = 3,
    /// <summary>SHA-1.</summary>
    Sha1 = 4,
    /// <summary>SHA-256.</summary>
    Sha256 = 5,
    /// <summary>
    /// CRC-64/XZ (ECMA-182 reflected), the CRC Alibaba OSS reports as x-oss-hash-crc64ecma. S3 has no name for it:
    /// it is not one of <see cref="ChecksumAlgorithms.Amz"/>, and the S3 dialect never shows it.
    /// </summary>
    Crc64Xz = 6,
}
