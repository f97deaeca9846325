namespace Cairn.Core.Checksums;

/// <summary>
/// CRC-64/XZ, i.e. ECMA-182 reflected (polynomial 0x42F0E1EBA9EA3693 reflected, init and xorout all ones;
/// check 0x995DC9BBDF1939FA). Alibaba OSS reports it as x-oss-hash-crc64ecma; System.IO.Hashing.Crc64 is the
/// non-reflected variant and gives different values. Instances are not thread-safe.
/// </summary>
public sealed class Crc64Xz
{
    private ulong _register = ulong.MaxValue;

    /// <summary>Feeds the next bytes of the message.</summary>
    public void Append(ReadOnlySpan<byte> d) => _register = Crc64Engine.Xz.Update(_register, d);

    /// <summary>The CRC of everything appended so far (appending may continue).</summary>
    public ulong Value => ~_register;

    /// <summary>One-shot CRC of <paramref name="d"/>.</summary>
    public static ulong Compute(ReadOnlySpan<byte> d) => ~Crc64Engine.Xz.Update(ulong.MaxValue, d);

    /// <summary>CRC of A||B from CRC(A), CRC(B) and len(B), in O(log len(B)).</summary>
    public static ulong Combine(ulong crcA, ulong crcB, long lengthB) =>
        Crc64Engine.Xz.Combiner.Combine(crcA, crcB, lengthB);
}
