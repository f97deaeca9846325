using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Checksums;

public class Crc64NvmeTests : Crc64TestsBase
{
    internal override Crc64Engine Engine => Crc64Engine.Nvme;

    protected override ulong ReferencePoly => ReferenceCrc.Crc64NvmePoly;

    protected override ulong CheckValue => 0xAE8B14860A799888;

    protected override ulong Compute(ReadOnlySpan<byte> data) => Crc64Nvme.Compute(data);

    protected override ulong Combine(ulong crcA, ulong crcB, long lengthB) => Crc64Nvme.Combine(crcA, crcB, lengthB);

    protected override ulong Incremental(IEnumerable<ReadOnlyMemory<byte>> pieces)
    {
        var crc = new Crc64Nvme();
        foreach (var piece in pieces)
        {
            crc.Append(piece.Span);
        }

        return crc.Value;
    }

    [Fact]
    public void Known_S3_value_of_hello_world()
    {
        ulong crc = Crc64Nvme.Compute(TestBytes.HelloWorld);
        Assert.Equal(ReferenceCrc.Compute(TestBytes.HelloWorld, ReferencePoly, 64), crc);
        Assert.Equal("jSnVw/bqjr4=", BigEndianBase64(crc));
    }
}
