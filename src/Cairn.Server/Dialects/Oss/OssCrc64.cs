using System.Buffers.Binary;
using System.Globalization;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// The CRC-64/XZ of an object or part on OSS's wire (docs/oss-compatibility.md "CRC-64"): the unsigned decimal of
/// the 64-bit value, where the store keeps base64 of its 8 big-endian bytes like every other checksum.
/// </summary>
internal static class OssCrc64
{
    /// <summary>The decimal wire form of the stored CRC-64/XZ; null when none was computed (stored while it was off).</summary>
    public static string? Of(IReadOnlyDictionary<ChecksumAlgorithm, string> checksums)
    {
        if (!checksums.TryGetValue(ChecksumAlgorithm.Crc64Xz, out var stored))
        {
            return null;
        }

        Span<byte> raw = stackalloc byte[8];
        return Convert.TryFromBase64String(stored, raw, out var written) && written == 8
            ? BinaryPrimitives.ReadUInt64BigEndian(raw).ToString(CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>Writes <c>x-oss-hash-crc64ecma</c> when the checksums hold a CRC-64/XZ.</summary>
    public static void Write(HttpResponse response, IReadOnlyDictionary<ChecksumAlgorithm, string> checksums)
    {
        if (Of(checksums) is { } value)
        {
            response.Headers[OssHeaders.HashCrc64] = value;
        }
    }

    /// <summary>
    /// A client's <c>x-oss-hash-crc64ecma</c> claim in the stored form (base64 of the big-endian value), for
    /// <see cref="Core.Objects.IntegrityExpectation"/>; InvalidArgument when it is no unsigned 64-bit decimal.
    /// </summary>
    public static string ToStored(string claim)
    {
        if (!ulong.TryParse(claim.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new CairnException(ErrorCode.InvalidArgument, $"The {OssHeaders.HashCrc64} header must be an unsigned 64-bit decimal number.")
            {
                Details = new ErrorDetails { ArgumentName = OssHeaders.HashCrc64, ArgumentValue = claim },
            };
        }

        Span<byte> raw = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(raw, value);
        return Convert.ToBase64String(raw);
    }
}
