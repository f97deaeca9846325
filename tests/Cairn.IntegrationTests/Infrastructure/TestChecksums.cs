using System.Security.Cryptography;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// The tests' own checksum implementations, independent of the server's, so an assertion compares the
/// server against a second computation. Values are in the wire form of the <c>x-amz-checksum-*</c> headers:
/// base64 of the big-endian raw checksum (docs/s3-compatibility.md "Checksums").
/// </summary>
public static class TestChecksums
{
    private static readonly uint[] Crc32Table = BuildTable32(0xEDB88320u);
    private static readonly uint[] Crc32CTable = BuildTable32(0x82F63B78u);

    // CRC-64/NVME: poly 0xAD93D23594C935A9, reflected (0x9A6C9329AC4BC9B5), init and xorout all ones.
    private static readonly ulong[] Crc64NvmeTable = BuildTable64(0x9A6C9329AC4BC9B5ul);

    public static string Md5Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(MD5.HashData(data));

    public static string Md5Base64(ReadOnlySpan<byte> data) => Convert.ToBase64String(MD5.HashData(data));

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Crc32(ReadOnlySpan<byte> data) => ToBase64BigEndian(Crc32Raw(data, Crc32Table));

    public static string Crc32C(ReadOnlySpan<byte> data) => ToBase64BigEndian(Crc32Raw(data, Crc32CTable));

    public static string Crc64Nvme(ReadOnlySpan<byte> data)
    {
        var crc = ulong.MaxValue;
        foreach (var b in data)
        {
            crc = Crc64NvmeTable[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        crc ^= ulong.MaxValue;
        var raw = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(raw, crc);
        return Convert.ToBase64String(raw);
    }

    public static string Sha1(ReadOnlySpan<byte> data) => Convert.ToBase64String(SHA1.HashData(data));

    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToBase64String(SHA256.HashData(data));

    /// <summary>The checksum of <paramref name="data"/> for an algorithm name as the SDK spells it.</summary>
    public static string For(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        "CRC32" => Crc32(data),
        "CRC32C" => Crc32C(data),
        "CRC64NVME" => Crc64Nvme(data),
        "SHA1" => Sha1(data),
        "SHA256" => Sha256(data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown checksum algorithm"),
    };

    private static uint Crc32Raw(ReadOnlySpan<byte> data, uint[] table)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = table[(byte)(crc ^ b)] ^ (crc >> 8);
        }

        return crc ^ uint.MaxValue;
    }

    private static string ToBase64BigEndian(uint value)
    {
        var raw = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(raw, value);
        return Convert.ToBase64String(raw);
    }

    private static uint[] BuildTable32(uint reflectedPoly)
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ reflectedPoly : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }

    private static ulong[] BuildTable64(ulong reflectedPoly)
    {
        var table = new ulong[256];
        for (ulong i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ reflectedPoly : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
