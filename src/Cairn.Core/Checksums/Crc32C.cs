using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace Cairn.Core.Checksums;

/// <summary>
/// CRC-32C (Castagnoli; polynomial 0x1EDC6F41 reflected, init and xorout all ones; check 0xE3069283), the
/// x-amz-checksum-crc32c algorithm. Uses the CPU's CRC32C instruction eight bytes at a time via
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>, with a slicing-by-8 table where there is none.
/// Instances are not thread-safe.
/// </summary>
public sealed class Crc32C
{
    private const uint ReflectedPoly = 0x82F63B78;

    private static readonly CrcCombiner _combiner = new(ReflectedPoly, 32);
    private static readonly Crc32Slicing _software = new(ReflectedPoly);

    private uint _register = uint.MaxValue;

    /// <summary>Whether the hardware instruction is used (else the table fallback).</summary>
    internal static bool IsHardwareAccelerated =>
        BitConverter.IsLittleEndian && (Sse42.IsSupported || ArmCrc32.IsSupported);

    /// <summary>Feeds the next bytes of the message.</summary>
    public void Append(ReadOnlySpan<byte> d) => _register = Update(_register, d);

    /// <summary>The CRC of everything appended so far (appending may continue).</summary>
    public uint Value => ~_register;

    /// <summary>One-shot CRC of <paramref name="d"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> d) => ~Update(uint.MaxValue, d);

    /// <summary>CRC of A||B from CRC(A), CRC(B) and len(B), in O(log len(B)).</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB) => (uint)_combiner.Combine(crcA, crcB, lengthB);

    /// <summary>Advances the raw register (before xorout).</summary>
    internal static uint Update(uint crc, ReadOnlySpan<byte> data) =>
        IsHardwareAccelerated ? UpdateHardware(crc, data) : UpdateSoftware(crc, data);

    internal static uint UpdateSoftware(uint crc, ReadOnlySpan<byte> data) => _software.Update(crc, data);

    private static uint UpdateHardware(uint crc, ReadOnlySpan<byte> data)
    {
        ref byte src = ref MemoryMarshal.GetReference(data);
        nuint length = (nuint)data.Length;
        nuint i = 0;
        for (; length - i >= 8; i += 8)
        {
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, i)));
        }

        for (; i < length; i++)
        {
            crc = BitOperations.Crc32C(crc, Unsafe.Add(ref src, i));
        }

        return crc;
    }
}
