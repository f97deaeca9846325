namespace Cairn.Core.Tests.Checksums;

/// <summary>
/// Deliberately naive bit-at-a-time reflected CRC (init and xorout all ones), independent of the production
/// tables, folding constants and polynomial reflection, to serve as the oracle for the fast engines.
/// </summary>
internal static class ReferenceCrc
{
    public const ulong Crc32CPoly = 0x82F63B78;
    public const ulong Crc32IeeePoly = 0xEDB88320;
    public const ulong Crc64NvmePoly = 0x9A6C9329AC4BC9B5;
    public const ulong Crc64XzPoly = 0xC96C5795D7870F42;

    public static ulong Compute(ReadOnlySpan<byte> data, ulong reflectedPoly, int width)
    {
        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        ulong crc = mask;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ reflectedPoly : crc >> 1;
            }
        }

        return crc ^ mask;
    }
}
