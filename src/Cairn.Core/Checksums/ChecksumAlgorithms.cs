using System.Collections.ObjectModel;

namespace Cairn.Core.Checksums;

/// <summary>
/// Names and sizes of <see cref="ChecksumAlgorithm"/> values as they appear on the wire, kept in one place so
/// headers, XML bodies and stored metadata can never disagree about spelling or length.
/// </summary>
public static class ChecksumAlgorithms
{
    private static readonly ReadOnlyCollection<ChecksumAlgorithm> _all = Array.AsReadOnly(
    [
        ChecksumAlgorithm.Crc32,
        ChecksumAlgorithm.Crc32C,
        ChecksumAlgorithm.Crc64Nvme,
        ChecksumAlgorithm.Sha1,
        ChecksumAlgorithm.Sha256,
    ]);

    /// <summary>Every algorithm, in enum order.</summary>
    public static IReadOnlyList<ChecksumAlgorithm> All => _all;

    /// <summary>The lowercase name used in header names: <c>x-amz-checksum-&lt;wire&gt;</c>.</summary>
    public static string WireName(this ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => "crc32",
        ChecksumAlgorithm.Crc32C => "crc32c",
        ChecksumAlgorithm.Crc64Nvme => "crc64nvme",
        ChecksumAlgorithm.Sha1 => "sha1",
        ChecksumAlgorithm.Sha256 => "sha256",
        _ => throw Undefined(a),
    };

    /// <summary>
    /// The uppercase name used in XML (element <c>Checksum&lt;XmlName&gt;</c>) and as the value of
    /// x-amz-checksum-algorithm / x-amz-sdk-checksum-algorithm.
    /// </summary>
    public static string XmlName(this ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => "CRC32",
        ChecksumAlgorithm.Crc32C => "CRC32C",
        ChecksumAlgorithm.Crc64Nvme => "CRC64NVME",
        ChecksumAlgorithm.Sha1 => "SHA1",
        ChecksumAlgorithm.Sha256 => "SHA256",
        _ => throw Undefined(a),
    };

    /// <summary>
    /// Parses a wire or XML name, ignoring case. Anything else fails, including surrounding whitespace and
    /// numeric strings (which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would accept).
    /// </summary>
    public static bool TryParse(string? text, out ChecksumAlgorithm algorithm)
    {
        // Wire and XML names differ only in case, so one case-insensitive comparison covers both.
        foreach (var candidate in _all)
        {
            if (string.Equals(text, candidate.WireName(), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    /// <summary>Length in bytes of the raw (decoded) checksum.</summary>
    public static int RawSize(this ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => 4,
        ChecksumAlgorithm.Crc32C => 4,
        ChecksumAlgorithm.Crc64Nvme => 8,
        ChecksumAlgorithm.Sha1 => 20,
        ChecksumAlgorithm.Sha256 => 32,
        _ => throw Undefined(a),
    };

    /// <summary>
    /// Decodes a client-supplied checksum. Succeeds only for canonical base64 (padded, no whitespace, unused
    /// trailing bits zero) of exactly <see cref="RawSize"/> bytes, so one checksum has exactly one spelling.
    /// </summary>
    public static bool TryDecode(this ChecksumAlgorithm a, string? base64, out byte[] raw)
    {
        int size = a.RawSize();
        int encodedLength = (size + 2) / 3 * 4;
        if (base64 is null || base64.Length != encodedLength)
        {
            raw = [];
            return false;
        }

        Span<byte> bytes = stackalloc byte[32];
        Span<char> canonical = stackalloc char[44];
        if (!Convert.TryFromBase64String(base64, bytes, out int written)
            || written != size
            || !Convert.TryToBase64Chars(bytes[..size], canonical, out int charsWritten)
            || !canonical[..charsWritten].SequenceEqual(base64))
        {
            raw = [];
            return false;
        }

        raw = bytes[..size].ToArray();
        return true;
    }

    private static ArgumentOutOfRangeException Undefined(ChecksumAlgorithm a) =>
        new(nameof(a), a, "Undefined checksum algorithm.");
}
