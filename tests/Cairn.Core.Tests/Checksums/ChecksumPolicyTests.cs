using System.Buffers.Binary;
using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Checksums;

public class ChecksumPolicyTests
{
    [Fact]
    public void The_default_computes_CRC64XZ_on_every_upload_and_off_computes_nothing_extra()
    {
        Assert.Equal([ChecksumAlgorithm.Crc64Xz], ChecksumPolicy.Default.Always);
        Assert.Empty(new ChecksumPolicy(Crc64Xz: false).Always);
        Assert.Equal([ChecksumAlgorithm.Sha256, ChecksumAlgorithm.Crc64Xz], ChecksumPolicy.Default.With([ChecksumAlgorithm.Sha256, ChecksumAlgorithm.Crc64Xz]));
    }

    [Fact]
    public void Combining_part_CRCs_equals_the_CRC_of_the_concatenation()
    {
        byte[][] parts = [[.. "hello "u8], [], [.. "multipart "u8], [.. "world"u8]];

        var combined = ChecksumPolicy.CombineCrc64Xz([.. parts.Select(p => ((string?)Encode(Crc64Xz.Compute(p)), (long)p.Length))]);

        Assert.Equal(Encode(Crc64Xz.Compute("hello multipart world"u8)), combined);
    }

    [Fact]
    public void One_part_without_a_CRC_leaves_the_object_without_one()
    {
        Assert.Null(ChecksumPolicy.CombineCrc64Xz([(Encode(1), 3), (null, 4)]));
        Assert.Null(ChecksumPolicy.CombineCrc64Xz([(Encode(1), 3), ("not base64", 4)]));
    }

    private static string Encode(ulong crc)
    {
        var raw = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(raw, crc);
        return Convert.ToBase64String(raw);
    }
}
