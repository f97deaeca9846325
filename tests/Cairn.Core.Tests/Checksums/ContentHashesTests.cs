using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Checksums;

public class ContentHashesTests
{
    private static ContentHashes Sample() => new(
        3,
        Convert.FromHexString("900150983CD24FB0D6963F7D28E17F72"),
        new Dictionary<ChecksumAlgorithm, byte[]> { [ChecksumAlgorithm.Crc32C] = [0x36, 0x4B, 0x3F, 0xB7] });

    [Fact]
    public void Md5Hex_is_lowercase()
    {
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", Sample().Md5Hex);
    }

    [Fact]
    public void Base64_is_null_for_checksums_not_computed()
    {
        var hashes = Sample();
        Assert.Equal("Nks/tw==", hashes.Base64(ChecksumAlgorithm.Crc32C));
        Assert.Null(hashes.Base64(ChecksumAlgorithm.Crc32));
        Assert.Null(hashes.Base64(ChecksumAlgorithm.Crc64Nvme));
    }

    [Fact]
    public void Equality_compares_bytes_not_references()
    {
        Assert.Equal(Sample(), Sample());
        Assert.Equal(Sample().GetHashCode(), Sample().GetHashCode());
        Assert.NotEqual(Sample(), Sample() with { Length = 4 });
        Assert.NotEqual(Sample(), Sample() with { Md5 = new byte[16] });
        Assert.NotEqual(Sample(), Sample() with { Checksums = new Dictionary<ChecksumAlgorithm, byte[]>() });
        Assert.NotEqual(
            Sample(),
            Sample() with { Checksums = new Dictionary<ChecksumAlgorithm, byte[]> { [ChecksumAlgorithm.Crc32C] = [0, 0, 0, 0] } });
        Assert.NotEqual(
            Sample(),
            Sample() with { Checksums = new Dictionary<ChecksumAlgorithm, byte[]> { [ChecksumAlgorithm.Crc32] = [0x36, 0x4B, 0x3F, 0xB7] } });
    }
}
