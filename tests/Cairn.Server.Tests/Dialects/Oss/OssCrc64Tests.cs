using System.Text;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Server.Dialects.Oss;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>x-oss-hash-crc64ecma: the unsigned decimal OSS clients compare with their own CRC-64/XZ.</summary>
public class OssCrc64Tests
{
    // CRC-64/XZ of "123456789", the parameter set's check value.
    private const ulong CheckValue = 0x995DC9BBDF1939FA;

    [Fact]
    public void A_stored_crc_is_written_as_its_unsigned_decimal()
    {
        var stored = Convert.ToBase64String(ContentHasher.BigEndian(Crc64Xz.Compute(Encoding.ASCII.GetBytes("123456789"))));

        var wire = OssCrc64.ToWire(new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc64Xz] = stored });

        Assert.Equal("11051210869376104954", wire);
        Assert.Equal(CheckValue.ToString(System.Globalization.CultureInfo.InvariantCulture), wire);
    }

    [Fact]
    public void Without_a_stored_crc_nothing_is_written()
    {
        var response = new DefaultHttpContext().Response;

        OssCrc64.WriteHeader(response, new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc32] = "AAAAAA==" });

        Assert.False(response.Headers.ContainsKey("x-oss-hash-crc64ecma"));
    }

    [Fact]
    public void A_claimed_crc_is_checked_as_crc64xz_in_the_stored_form()
    {
        var headers = new HeaderDictionary { ["x-oss-hash-crc64ecma"] = "11051210869376104954" };

        var integrity = OssCrc64.ReadIntegrity(headers);

        Assert.Equal(ChecksumAlgorithm.Crc64Xz, integrity.ChecksumAlgorithm);
        Assert.Equal(Convert.ToBase64String(ContentHasher.BigEndian(CheckValue)), integrity.ExpectedChecksum!());
        Assert.Equal("x-oss-hash-crc64ecma", integrity.ClaimHeader);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("18446744073709551616")]
    [InlineData("0x10")]
    public void A_claim_that_is_no_unsigned_64_bit_decimal_is_an_invalid_argument(string claim)
    {
        var error = Assert.Throws<CairnException>(() => OssCrc64.ReadIntegrity(new HeaderDictionary { ["x-oss-hash-crc64ecma"] = claim }));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("x-oss-hash-crc64ecma", error.Details!.ArgumentName);
    }

    [Fact]
    public void Without_a_claim_only_content_md5_is_checked()
    {
        var integrity = OssCrc64.ReadIntegrity(new HeaderDictionary { ["Content-MD5"] = Convert.ToBase64String(new byte[16]) });

        Assert.Null(integrity.ChecksumAlgorithm);
        Assert.Equal(new byte[16], integrity.ContentMd5);
    }
}
