namespace Cairn.Core.Checksums;

/// <summary>
/// Combine for CRC-32/ISO-HDLC values as produced by <see cref="System.IO.Hashing.Crc32"/> (which already
/// computes them fast but cannot combine them), needed to derive full-object CRC32s of multipart uploads.
/// </summary>
public static class Crc32Ieee
{
    private static readonly CrcCombiner _combiner = new(0xEDB88320, 32);

    /// <summary>CRC of A||B from CRC(A), CRC(B) and len(B), in O(log len(B)).</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB) => (uint)_combiner.Combine(crcA, crcB, lengthB);
}
