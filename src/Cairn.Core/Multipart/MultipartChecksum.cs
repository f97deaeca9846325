using System.Buffers.Binary;
using System.IO.Hashing;
using Cairn.Core.Checksums;

namespace Cairn.Core.Multipart;

/// <summary>
/// Whole-object checksums of a multipart object (docs/s3-compatibility.md): composite = hash of the concatenated raw
/// part checksums + "-N"; full-object = the CRC of the whole content, combined from part CRCs and lengths
/// without reading any data.
/// </summary>
public static class MultipartChecksum
{
    /// <summary>The checksum type an upload gets: full-object is the only kind CRC64NVME has; SHA kinds are always composite.</summary>
    public static ChecksumType DefaultType(ChecksumAlgorithm algorithm) =>
        algorithm == ChecksumAlgorithm.Crc64Nvme ? ChecksumType.FullObject : ChecksumType.Composite;

    public static bool IsValidType(ChecksumAlgorithm algorithm, ChecksumType type) => type switch
    {
        ChecksumType.Composite => algorithm != ChecksumAlgorithm.Crc64Nvme,
        ChecksumType.FullObject => algorithm is ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C or ChecksumAlgorithm.Crc64Nvme,
        _ => false,
    };

    public static string Compute(ChecksumAlgorithm algorithm, ChecksumType type, IReadOnlyList<(byte[] Raw, long Length)> parts) =>
        type == ChecksumType.FullObject ? Convert.ToBase64String(Combine(algorithm, parts)) : ComputeComposite(algorithm, parts);

    private static string ComputeComposite(ChecksumAlgorithm algorithm, IReadOnlyList<(byte[] Raw, long Length)> parts)
    {
        using var hasher = new ContentHasher([algorithm]);
        foreach (var (raw, _) in parts)
        {
            hasher.Append(raw);
        }

        return Convert.ToBase64String(hasher.Finish().Checksums[algorithm]) + "-" + parts.Count;
    }

    private static byte[] Combine(ChecksumAlgorithm algorithm, IReadOnlyList<(byte[] Raw, long Length)> parts)
    {
        switch (algorithm)
        {
            case ChecksumAlgorithm.Crc64Nvme:
            {
                var crc = Crc64Nvme.Compute([]);
                foreach (var (raw, length) in parts)
                {
                    crc = Crc64Nvme.Combine(crc, BinaryPrimitives.ReadUInt64BigEndian(raw), length);
                }

                var result = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(result, crc);
                return result;
            }

            case ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C:
            {
                var crc = algorithm == ChecksumAlgorithm.Crc32 ? Crc32.HashToUInt32([]) : Crc32C.Compute([]);
                foreach (var (raw, length) in parts)
                {
                    var part = BinaryPrimitives.ReadUInt32BigEndian(raw);
                    crc = algorithm == ChecksumAlgorithm.Crc32 ? Crc32Ieee.Combine(crc, part, length) : Crc32C.Combine(crc, part, length);
                }

                var result = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(result, crc);
                return result;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Only CRCs combine into a full-object checksum.");
        }
    }
}
