using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Cairn.Core.Checksums;

/// <summary>
/// Reflected CRC-64 over an arbitrary polynomial, shared by <see cref="Crc64Nvme"/> and <see cref="Crc64Xz"/>.
/// Large inputs are folded 128 bytes at a time with carry-less multiplication (PCLMULQDQ), which is an order
/// of magnitude faster than any table; short inputs and CPUs without PCLMULQDQ use slicing-by-8 tables.
/// All methods work on the raw register (before xorout); callers apply init and xorout.
/// </summary>
internal sealed class Crc64Engine
{
    /// <summary>Inputs at least this long take the carry-less multiplication path.</summary>
    internal const int FoldThreshold = 128;

    private readonly ulong[] _table = new ulong[8 * 256];

    // Folding constants: multiplying the high/low 64-bit halves of a 128-bit accumulator by these moves it
    // forward by 1024 bits (eight lanes) or 128 bits (one lane). See UpdateFolded for the derivation.
    private readonly ulong _k1024High;
    private readonly ulong _k1024Low;
    private readonly ulong _k128High;
    private readonly ulong _k128Low;

    private Crc64Engine(ulong normalPoly)
    {
        ulong poly = CrcMath.Reflect(normalPoly, 64);
        Combiner = new CrcCombiner(poly, 64);

        for (uint b = 0; b < 256; b++)
        {
            ulong crc = b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = CrcMath.MultiplyByX(crc, poly);
            }

            _table[b] = crc;
        }

        for (int slice = 1; slice < 8; slice++)
        {
            for (int b = 0; b < 256; b++)
            {
                ulong previous = _table[(slice - 1) * 256 + b];
                _table[slice * 256 + b] = (previous >> 8) ^ _table[previous & 0xFF];
            }
        }

        _k1024High = CrcMath.XPower(1024 + 64 - 1, poly, 64);
        _k1024Low = CrcMath.XPower(1024 - 1, poly, 64);
        _k128High = CrcMath.XPower(128 + 64 - 1, poly, 64);
        _k128Low = CrcMath.XPower(128 - 1, poly, 64);
    }

    /// <summary>CRC-64/NVME: polynomial 0xAD93D23594C93659.</summary>
    public static Crc64Engine Nvme { get; } = new(0xAD93D23594C93659);

    /// <summary>CRC-64/XZ (ECMA-182 reflected): polynomial 0x42F0E1EBA9EA3693.</summary>
    public static Crc64Engine Xz { get; } = new(0x42F0E1EBA9EA3693);

    public CrcCombiner Combiner { get; }

    public ulong Update(ulong register, ReadOnlySpan<byte> data)
    {
        if (Pclmulqdq.IsSupported && data.Length >= FoldThreshold)
        {
            return UpdateFolded(register, data);
        }

        return UpdateTable(register, data);
    }

    /// <summary>Slicing-by-8; internal so tests can check it against the folded path.</summary>
    internal ulong UpdateTable(ulong crc, ReadOnlySpan<byte> data)
    {
        ref ulong t = ref MemoryMarshal.GetArrayDataReference(_table);
        while (data.Length >= 8)
        {
            ulong c = crc ^ BinaryPrimitives.ReadUInt64LittleEndian(data);
            crc = Unsafe.Add(ref t, 7 * 256 + (int)(c & 0xFF))
                ^ Unsafe.Add(ref t, 6 * 256 + (int)((c >> 8) & 0xFF))
                ^ Unsafe.Add(ref t, 5 * 256 + (int)((c >> 16) & 0xFF))
                ^ Unsafe.Add(ref t, 4 * 256 + (int)((c >> 24) & 0xFF))
                ^ Unsafe.Add(ref t, 3 * 256 + (int)((c >> 32) & 0xFF))
                ^ Unsafe.Add(ref t, 2 * 256 + (int)((c >> 40) & 0xFF))
                ^ Unsafe.Add(ref t, 1 * 256 + (int)((c >> 48) & 0xFF))
                ^ Unsafe.Add(ref t, (int)(c >> 56));
            data = data[8..];
        }

        foreach (byte b in data)
        {
            crc = Unsafe.Add(ref t, (int)((crc ^ b) & 0xFF)) ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>
    /// Carry-less multiplication folding. A 16-byte little-endian load holds a polynomial of degree &lt; 128
    /// whose lane 0 (H) carries x^127..x^64 and lane 1 (L) x^63..x^0, bit-reflected like the register.
    /// CLMUL of two reflected 64-bit values yields their product times x in the same 128-bit layout, so
    /// advancing an accumulator by D bits is H·(x^(D+63) mod P) ⊕ L·(x^(D-1) mod P), each product fitting
    /// in 128 bits. Processing the final 128-bit accumulator as 16 message bytes from a zero register then
    /// reduces it to the 64-bit register value, avoiding a separate Barrett reduction.
    /// </summary>
    internal ulong UpdateFolded(ulong register, ReadOnlySpan<byte> data)
    {
        ref byte src = ref MemoryMarshal.GetReference(data);
        nuint length = (nuint)data.Length;

        Vector128<ulong> x0 = Load(ref src, 0) ^ Vector128.CreateScalar(register);
        Vector128<ulong> x1 = Load(ref src, 16);
        Vector128<ulong> x2 = Load(ref src, 32);
        Vector128<ulong> x3 = Load(ref src, 48);
        Vector128<ulong> x4 = Load(ref src, 64);
        Vector128<ulong> x5 = Load(ref src, 80);
        Vector128<ulong> x6 = Load(ref src, 96);
        Vector128<ulong> x7 = Load(ref src, 112);
        nuint offset = 128;

        Vector128<ulong> k1024 = Vector128.Create(_k1024High, _k1024Low);
        while (length - offset >= 128)
        {
            x0 = Fold(x0, k1024) ^ Load(ref src, offset);
            x1 = Fold(x1, k1024) ^ Load(ref src, offset + 16);
            x2 = Fold(x2, k1024) ^ Load(ref src, offset + 32);
            x3 = Fold(x3, k1024) ^ Load(ref src, offset + 48);
            x4 = Fold(x4, k1024) ^ Load(ref src, offset + 64);
            x5 = Fold(x5, k1024) ^ Load(ref src, offset + 80);
            x6 = Fold(x6, k1024) ^ Load(ref src, offset + 96);
            x7 = Fold(x7, k1024) ^ Load(ref src, offset + 112);
            offset += 128;
        }

        Vector128<ulong> k128 = Vector128.Create(_k128High, _k128Low);
        Vector128<ulong> acc = Fold(x0, k128) ^ x1;
        acc = Fold(acc, k128) ^ x2;
        acc = Fold(acc, k128) ^ x3;
        acc = Fold(acc, k128) ^ x4;
        acc = Fold(acc, k128) ^ x5;
        acc = Fold(acc, k128) ^ x6;
        acc = Fold(acc, k128) ^ x7;
        while (length - offset >= 16)
        {
            acc = Fold(acc, k128) ^ Load(ref src, offset);
            offset += 16;
        }

        Span<byte> accBytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(accBytes, acc.GetElement(0));
        BinaryPrimitives.WriteUInt64LittleEndian(accBytes[8..], acc.GetElement(1));
        ulong crc = UpdateTable(0, accBytes);
        return UpdateTable(crc, data[(int)offset..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte src, nuint offset) =>
        Vector128.LoadUnsafe(ref src, offset).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> k) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11);
}
