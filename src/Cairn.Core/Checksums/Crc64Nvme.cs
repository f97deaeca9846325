namespace Cairn.Core.Checksums;

/// <summary>
/// CRC-64/NVME (polynomial 0xAD93D23594C93659 reflected, init and xorout all ones; check 0xAE8B14860A799888),
/// the x-amz-checksum-crc64nvme algorithm and S3's default full-object checksum. Written here because
/// System.IO.Hashing only offers the non-reflected ECMA-182 CRC-64. Instances are not thread-safe.
/// </summary>
public sealed class Crc64Nvme
{
    private ulong _register = ulong.MaxValue;

    /// <summary>Feeds the next bytes of the message.</summary>
    public void Append(ReadOnlySpan<byte> d) => _register = Crc64Engine.Nvme.Update(_register, d);

    /// <summary>The CRC of everything appended so far (appending may continue).</summary>
    public ulong Value => ~_register;

    /// <summary>One-shot CRC of <paramref name="d"/>.</summary>
    public static ulong Compute(ReadOnlySpan<byte> d) => ~Crc64Engine.Nvme.Update(ulong.MaxValue, d);

    /// <summary>CRC of A||B from CRC(A), CRC(B) and len(B), in O(log len(B)).</summary>
    public static ulong Combine(ulong crcA, ulong crcB, long lengthB) =>
        Crc64Engine.Nvme.Combiner.Combine(crcA, crcB, lengthB);
}
