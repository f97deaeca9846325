using System.Buffers.Binary;

namespace Cairn.Bench.Data;

/// <summary>
/// The bytes every upload is made of: one 1 MiB block of xorshift64 output, shared read-only by all requests, so a
/// 1 GiB body costs no allocation and no generator time on the client. Each object starts at its own offset into the
/// block (<see cref="StartFor"/>), so two objects are not byte-identical. The buffer carries a copy of its first
/// <see cref="MaxSlice"/> bytes at its end, so any slice up to that length is one contiguous span.
/// </summary>
internal static class PatternBytes
{
    /// <summary>The period of the pattern: 1 MiB (fits in L2/L3, so reading it is memory-cheap).</summary>
    public const int Period = 1 << 20;

    /// <summary>Largest slice handed out at once: 256 KiB, the server's own copy-buffer size.</summary>
    public const int MaxSlice = 256 * 1024;

    private static readonly byte[] Bytes = Create();

    /// <summary>A read-only view of <paramref name="length"/> pattern bytes starting at stream position <paramref name="position"/>.</summary>
    public static ReadOnlyMemory<byte> Slice(long position, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxSlice);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        return Bytes.AsMemory((int)(position % Period), length);
    }

    /// <summary>The pattern offset where the object with this seed begins (a 64-byte aligned spread over the period).</summary>
    public static long StartFor(long seed) => (seed * 7_919 * 64) % Period;

    private static byte[] Create()
    {
        var bytes = new byte[Period + MaxSlice];
        var x = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < Period; i += sizeof(ulong))
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i), x);
        }

        bytes.AsSpan(0, MaxSlice).CopyTo(bytes.AsSpan(Period));
        return bytes;
    }
}
