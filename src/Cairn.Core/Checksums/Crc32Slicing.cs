using System.Buffers.Binary;

namespace Cairn.Core.Checksums;

/// <summary>
/// Slicing-by-8 table CRC for a reflected 32-bit polynomial on the raw register. Only the fallback for CPUs
/// without a CRC32C instruction, where the BCL's own software path would go a byte at a time.
/// </summary>
internal sealed class Crc32Slicing
{
    private readonly uint[] _table = new uint[8 * 256];

    public Crc32Slicing(uint reflectedPoly)
    {
        for (uint b = 0; b < 256; b++)
        {
            _table[b] = ByteStep(b, reflectedPoly);
        }

        for (int slice = 1; slice < 8; slice++)
        {
            for (int b = 0; b < 256; b++)
            {
                uint previous = _table[(slice - 1) * 256 + b];
                _table[slice * 256 + b] = (previous >> 8) ^ _table[previous & 0xFF];
            }
        }
    }

    public uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] t = _table;
        while (data.Length >= 8)
        {
            uint lo = crc ^ BinaryPrimitives.ReadUInt32LittleEndian(data);
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >> 8) & 0xFF)]
                ^ t[5 * 256 + ((lo >> 16) & 0xFF)] ^ t[4 * 256 + (lo >> 24)]
                ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >> 8) & 0xFF)]
                ^ t[1 * 256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }

        foreach (byte b in data)
        {
            crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint ByteStep(uint b, uint poly)
    {
        ulong crc = b;
        for (int bit = 0; bit < 8; bit++)
        {
            crc = CrcMath.MultiplyByX(crc, poly);
        }

        return (uint)crc;
    }
}
