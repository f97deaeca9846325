using Cairn.Core.Checksums;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Tests.Dialects;

public class S3ChecksumNamesTests
{
    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "crc32", "CRC32")]
    [InlineData(ChecksumAlgorithm.Crc32C, "crc32c", "CRC32C")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "crc64nvme", "CRC64NVME")]
    [InlineData(ChecksumAlgorithm.Sha1, "sha1", "SHA1")]
    [InlineData(ChecksumAlgorithm.Sha256, "sha256", "SHA256")]
    public void Header_and_xml_names(ChecksumAlgorithm algorithm, string wire, string xml)
    {
        Assert.Equal(wire, algorithm.WireName());
        Assert.Equal(xml, algorithm.XmlName());
    }

    [Theory]
    [InlineData((ChecksumAlgorithm)0)]
    [InlineData((ChecksumAlgorithm)7)]
    [InlineData(ChecksumAlgorithm.Crc64Xz)]
    public void Undefined_values_are_rejected(ChecksumAlgorithm algorithm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.WireName());
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.XmlName());
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
        Assert.True(S3ChecksumNames.TryParse(text, out var algorithm));
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
        Assert.False(S3ChecksumNames.TryParse(text, out var algorithm));
        Assert.Equal(default, algorithm);
    }

    [Fact]
    public void TryParse_round_trips_every_name()
    {
        foreach (var a in ChecksumAlgorithms.Amz)
        {
            Assert.True(S3ChecksumNames.TryParse(a.WireName(), out var fromWire));
            Assert.True(S3ChecksumNames.TryParse(a.XmlName(), out var fromXml));
            Assert.Equal(a, fromWire);
            Assert.Equal(a, fromXml);
        }
    }

    [Theory]
    [InlineData(ChecksumType.Composite, "COMPOSITE")]
    [InlineData(ChecksumType.FullObject, "FULL_OBJECT")]
    public void Checksum_types_are_spelled_as_S3_spells_them_and_parse_in_any_case(ChecksumType type, string wire)
    {
        Assert.Equal(wire, type.WireName());
        Assert.True(S3ChecksumNames.TryParseType(wire.ToLowerInvariant(), out var parsed));
        Assert.Equal(type, parsed);
        Assert.False(S3ChecksumNames.TryParseType("FULL-OBJECT", out _));
        Assert.False(S3ChecksumNames.TryParseType("1", out _));
    }
}
