using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Checksums;

public class Crc64XzTests : Crc64TestsBase
{
    internal override Crc64Engine Engine => Crc64Engine.Xz;

    protected override ulong ReferencePoly => ReferenceCrc.Crc64XzPoly;

    protected override ulong CheckValue => 0x995DC9BBDF1939FA;

    protected override ulong Compute(ReadOnlySpan<byte> data) => Crc64Xz.Compute(data);

    protected override ulong Combine(ulong crcA, ulong crcB, long lengthB) => Crc64Xz.Combine(crcA, crcB, lengthB);

    protected override ulong Incremental(IEnumerable<ReadOnlyMemory<byte>> pieces)
    {
        var crc = new Crc64Xz();
        foreach (var piece in pieces)
        {
            crc.Append(piece.Span);
        }

        return crc.Value;
    }

    [Fact]
    public void Differs_from_the_non_reflected_ECMA_182_crc_in_System_IO_Hashing()
    {
        Assert.NotEqual(System.IO.Hashing.Crc64.HashToUInt64(TestBytes.CheckInput), Crc64Xz.Compute(TestBytes.CheckInput));
    }
}
