namespace Cairn.Core.Checksums;

/// <summary>
/// Computes CRC(A||B) from CRC(A), CRC(B) and len(B) for a reflected CRC whose init equals its xorout (true for
/// every CRC Cairn uses), which lets multipart uploads derive a full-object CRC without re-reading parts.
/// With init = xorout the constant terms cancel and CRC(A||B) = CRC(A)·x^(8·len(B)) mod P ⊕ CRC(B).
/// </summary>
internal sealed class CrcCombiner
{
    private readonly ulong _poly;
    private readonly int _width;

    // _powers[k] = x^(8·2^k) mod P, so shifting by n bytes costs popcount(n) multiplications.
    private readonly ulong[] _powers = new ulong[63];

    public CrcCombiner(ulong reflectedPoly, int width)
    {
        _poly = reflectedPoly;
        _width = width;
        _powers[0] = CrcMath.XPower(8, reflectedPoly, width);
        for (int k = 1; k < _powers.Length; k++)
        {
            _powers[k] = CrcMath.Multiply(_powers[k - 1], _powers[k - 1], reflectedPoly, width);
        }
    }

    public ulong Combine(ulong crcA, ulong crcB, long lengthB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lengthB);
        return ShiftBytes(crcA, lengthB) ^ crcB;
    }

    /// <summary>crc · x^(8·bytes) mod P: the effect of appending <paramref name="bytes"/> zero bytes to a register.</summary>
    public ulong ShiftBytes(ulong crc, long bytes)
    {
        for (int k = 0; bytes != 0; k++, bytes >>= 1)
        {
            if ((bytes & 1) != 0)
            {
                crc = CrcMath.Multiply(crc, _powers[k], _poly, _width);
            }
        }

        return crc;
    }
}
