using System.Collections.ObjectModel;

namespace Cairn.Core.Checksums;

/// <summary>
/// Names and sizes of <see cref="ChecksumAlgorithm"/> values, kept in one place so every check agrees about an
/// algorithm's raw length and canonical encoding.
/// </summary>
public static class ChecksumAlgorithms
{
    private static readonly ReadOnlyCollection<ChecksumAlgorithm> _amz = Array.AsReadOnly(
    [
        ChecksumAlgorithm.Crc32,
        ChecksumAlgorithm.Crc32C,
        ChecksumAlgorithm.Crc64Nvme,
        ChecksumAlgorithm.Sha1,
        ChecksumAlgorithm.Sha256,
    ]);

    /// <summary>The algorithms of S3's additional checksums (x-amz-checksum-*), in enum order.</summary>
    public static IReadOnlyList<ChecksumAlgorithm> Amz => _amz;

    /// <summary>Whether S3 has a name for the algorithm (it is one of <see cref="Amz"/>).</summary>
    public static bool IsAmz(this ChecksumAlgorithm a) => a is >= ChecksumAlgorithm.Crc32 and <= ChecksumAlgorithm.Sha256;

    /// <summary>
    /// The algorithm's name ("CRC32", "CRC64NVME", "SHA256"...), for messages. Protocols derive their own spellings
    /// from it in their dialect; the store keeps its own fixed spellings.
    /// </summary>
    public static string Name(this ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => "CRC32",
        ChecksumAlgorithm.Crc32C => "CRC32C",
        ChecksumAlgorithm.Crc64Nvme => "CRC64NVME",
        ChecksumAlgorithm.Sha1 => "SHA1",
        ChecksumAlgorithm.Sha256 => "SHA256",
        ChecksumAlgorithm.Crc64Xz => "CRC64XZ",
        _ => throw Undefined(a),
    };

    /// <summary>Length in bytes of the raw (decoded) checksum.</summary>
    public static int RawSize(this ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => 4,
        ChecksumAlgorithm.Crc32C => 4,
        ChecksumAlgorithm.Crc64Nvme => 8,
        ChecksumAlgorithm.Sha1 => 20,
        ChecksumAlgorithm.Sha256 => 32,
        ChecksumAlgorithm.Crc64Xz => 8,
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
