using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Checksums;

public class ChecksumAlgorithmsTests
{
    [Fact]
    public void All_lists_every_algorithm_in_enum_order()
    {
        Assert.Equal(
            [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc64Nvme, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256],
            ChecksumAlgorithms.All);
        Assert.Equal(Enum.GetValues<ChecksumAlgorithm>().Order(), ChecksumAlgorithms.All);
    }

    [Fact]
    public void All_cannot_be_mutated_through_a_cast()
    {
        Assert.False(ChecksumAlgorithms.All is ChecksumAlgorithm[]);
        Assert.Throws<NotSupportedException>(() => ((IList<ChecksumAlgorithm>)ChecksumAlgorithms.All)[0] = ChecksumAlgorithm.Sha1);
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "crc32", "CRC32", 4)]
    [InlineData(ChecksumAlgorithm.Crc32C, "crc32c", "CRC32C", 4)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "crc64nvme", "CRC64NVME", 8)]
    [InlineData(ChecksumAlgorithm.Sha1, "sha1", "SHA1", 20)]
    [InlineData(ChecksumAlgorithm.Sha256, "sha256", "SHA256", 32)]
    public void Names_and_sizes(ChecksumAlgorithm algorithm, string wire, string xml, int size)
    {
        Assert.Equal(wire, algorithm.WireName());
        Assert.Equal(xml, algorithm.XmlName());
        Assert.Equal(size, algorithm.RawSize());
    }

    [Theory]
    [InlineData((ChecksumAlgorithm)0)]
    [InlineData((ChecksumAlgorithm)6)]
    public void Undefined_values_are_rejected(ChecksumAlgorithm algorithm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.WireName());
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.XmlName());
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.RawSize());
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.TryDecode("AAAAAA==", out _));
    }

    [Theory]
    [InlineData("crc32", ChecksumAlgorithm.Crc32)]
    [InlineData("CRC32", ChecksumAlgorithm.Crc32)]
    [InlineData("Crc32", ChecksumAlgorithm.Crc32)]
    [InlineData("crc32c", ChecksumAlgorithm.Crc32C)]
    [InlineData("CRC32C", ChecksumAlgorithm.Crc32C)]
    [InlineData("crc64nvme", ChecksumAlgorithm.Crc64Nvme)]
    [InlineData("CRC64NVME", ChecksumAlgorithm.Crc64Nvme)]
    [InlineData("Crc64Nvme", ChecksumAlgorithm.Crc64Nvme)]
    [InlineData("sha1", ChecksumAlgorithm.Sha1)]
    [InlineData("SHA1", ChecksumAlgorithm.Sha1)]
    [InlineData("sha256", ChecksumAlgorithm.Sha256)]
    [InlineData("SHA256", ChecksumAlgorithm.Sha256)]
    public void TryParse_accepts_wire_and_xml_names_in_any_case(string text, ChecksumAlgorithm expected)
    {
        Assert.True(ChecksumAlgorithms.TryParse(text, out var algorithm));
        Assert.Equal(expected, algorithm);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" crc32")]
    [InlineData("crc32 ")]
    [InlineData("crc-32")]
    [InlineData("crc64")]
    [InlineData("crc64ecma")]
    [InlineData("CRC64NVME2")]
    [InlineData("md5")]
    [InlineData("sha512")]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("Crc64Nvme,Sha1")]
    public void TryParse_rejects_everything_else(string? text)
    {
        Assert.False(ChecksumAlgorithms.TryParse(text, out var algorithm));
        Assert.Equal(default, algorithm);
    }

    [Fact]
    public void TryParse_round_trips_every_name()
    {
        foreach (var a in ChecksumAlgorithms.All)
        {
            Assert.True(ChecksumAlgorithms.TryParse(a.WireName(), out var fromWire));
            Assert.True(ChecksumAlgorithms.TryParse(a.XmlName(), out var fromXml));
            Assert.Equal(a, fromWire);
            Assert.Equal(a, fromXml);
        }
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ==", "0D4A1185")]
    [InlineData(ChecksumAlgorithm.Crc32C, "yZRlqg==", "C99465AA")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "AAAAAAAAAAA=", "0000000000000000")]
    [InlineData(ChecksumAlgorithm.Sha1, "Kq5sNclPz7QV2+lfQIuc6R7oRu0=", "2AAE6C35C94FCFB415DBE95F408B9CE91EE846ED")]
    [InlineData(ChecksumAlgorithm.Sha256, "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=", "B94D27B9934D3E08A52E52D7DA7DABFAC484EFE37A5380EE9088F7ACE2EFCDE9")]
    public void TryDecode_accepts_valid_base64_of_the_right_size(ChecksumAlgorithm algorithm, string base64, string hex)
    {
        Assert.True(algorithm.TryDecode(base64, out byte[] raw));
        Assert.Equal(Convert.FromHexString(hex), raw);
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, null)]
    [InlineData(ChecksumAlgorithm.Crc32, "")]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ")]            // padding missing
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ=")]           // padding short
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ===")]         // padding long
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhR==")]          // non-zero unused bits: not canonical
    [InlineData(ChecksumAlgorithm.Crc32, " DUoRhQ==")]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ== ")]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoR hQ=")]          // right length, whitespace inside
    [InlineData(ChecksumAlgorithm.Crc32, "DUoR\nhQ=")]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoR-hQ=")]          // base64url alphabet is not base64
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ=A")]          // data after padding
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQAA")]          // 6 bytes
    [InlineData(ChecksumAlgorithm.Crc32, "DUoR")]              // 3 bytes
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQAA====")]
    [InlineData(ChecksumAlgorithm.Crc32C, "jSnVw/bqjr4=")]     // an 8-byte value for a 4-byte algorithm
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "yZRlqg==")]      // a 4-byte value for an 8-byte algorithm
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "jSnVw/bqjr5=")]  // non-canonical trailing bits
    [InlineData(ChecksumAlgorithm.Sha256, "Kq5sNclPz7QV2+lfQIuc6R7oRu0=")]
    [InlineData(ChecksumAlgorithm.Sha1, "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")]
    [InlineData(ChecksumAlgorithm.Sha1, "Kq5sNclPz7QV2+lfQIuc6R7oRu0")]
    public void TryDecode_rejects_invalid_input(ChecksumAlgorithm algorithm, string? base64)
    {
        Assert.False(algorithm.TryDecode(base64, out byte[] raw));
        Assert.NotNull(raw);
        Assert.Empty(raw);
    }

    [Fact]
    public void TryDecode_round_trips_random_values_for_every_algorithm()
    {
        var random = new Random(7);
        foreach (var a in ChecksumAlgorithms.All)
        {
            for (int i = 0; i < 200; i++)
            {
                var bytes = new byte[a.RawSize()];
                random.NextBytes(bytes);
                Assert.True(a.TryDecode(Convert.ToBase64String(bytes), out byte[] raw));
                Assert.Equal(bytes, raw);
            }
        }
    }
}
