using System.Buffers.Binary;
using System.Globalization;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// <c>x-oss-hash-crc64ecma</c>, the CRC-64/XZ of a body in OSS's wire form, the unsigned decimal of the 64-bit value
/// (docs/oss-compatibility.md "CRC-64"). Cairn stores it like every checksum, base64 of the big-endian bytes.
/// </summary>
internal static class OssCrc64
{
    /// <summary>The decimal of a stored CRC-64/XZ; null when none was computed (the header is then left out).</summary>
    public static string? ToWire(IReadOnlyDictionary<ChecksumAlgorithm, string> checksums) =>
        checksums.TryGetValue(ChecksumAlgorithm.Crc64Xz, out var stored) && ChecksumAlgorithm.Crc64Xz.TryDecode(stored, out var raw)
            ? BinaryPrimitives.ReadUInt64BigEndian(raw).ToString(CultureInfo.InvariantCulture)
            : null;

    /// <summary>Sets the response header when the checksums hold a CRC-64/XZ.</summary>
    public static void WriteHeader(HttpResponse response, IReadOnlyDictionary<ChecksumAlgorithm, string> checksums)
    {
        if (ToWire(checksums) is { } value)
        {
            response.Headers[OssHeaders.HashCrc64] = value;
        }
    }

    /// <summary>
    /// What an upload's request claims about its body: Content-MD5 and the client's x-oss-hash-crc64ecma, both
    /// checked once the body is read (BadDigest on a mismatch, nothing stored).
    /// </summary>
    public static IntegrityExpectation ReadIntegrity(IHeaderDictionary headers)
    {
        var md5 = ObjectRequestHeaders.ReadContentMd5(headers);
        var claim = headers[OssHeaders.HashCrc64].ToString();
        if (claim.Length == 0)
        {
            return new IntegrityExpectation(md5, null, null);
        }

        if (!ulong.TryParse(claim.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new CairnException(ErrorCode.InvalidArgument, $"The {OssHeaders.HashCrc64} header must be the unsigned decimal of a CRC-64.")
            {
                Details = new ErrorDetails { ArgumentName = OssHeaders.HashCrc64, ArgumentValue = claim },
            };
        }

        var stored = Convert.ToBase64String(ContentHasher.BigEndian(value));
        return new IntegrityExpectation(md5, ChecksumAlgorithm.Crc64Xz, () => stored, claimHeader: OssHeaders.HashCrc64);
    }
}
