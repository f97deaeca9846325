using System.Security.Cryptography;
using System.Text;
using Cairn.Client.Hashing;

namespace Cairn.Client.Tests.Hashing;

public class ETagsTests
{
    [Fact]
    public void Multipart_IsMd5OfConcatenatedPartDigestsWithCount()
    {
        var parts = new[] { "hello ", "world" }.Select(p => MD5.HashData(Encoding.ASCII.GetBytes(p))).ToList();
        var expected = Convert.ToHexStringLower(MD5.HashData(parts[0].Concat(parts[1]).ToArray())) + "-2";
        Assert.Equal(expected, ETags.Multipart(parts));
        Assert.Equal(expected, ETags.Multipart(parts.Select(p => "\"" + Convert.ToHexString(p) + "\"")));
    }

    [Theory]
    [InlineData("\"d41d8cd98f00b204e9800998ecf8427e\"", true, null)]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e-12", false, 12)]
    [InlineData("\"D41D8CD98F00B204E9800998ECF8427E-3\"", false, 3)]
    [InlineData("not-an-md5", false, null)]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e-x", false, null)]
    public void Parsing(string etag, bool plain, int? count)
    {
        Assert.Equal(plain, ETags.IsPlainMd5(etag));
        Assert.Equal(count, ETags.MultipartCount(etag));
    }

    [Theory]
    [InlineData("CRC32", "y/Q5Jg==")] // 0xCBF43926
    [InlineData("CRC32C", "4waSgw==")] // 0xE3069283
    [InlineData("CRC64NVME", "rosUhgp5mIg=")] // 0xAE8B14860A799888
    [InlineData("SHA1", "98O8HYCOBHMq32eZZczDTKeuNEE=")]
    [InlineData("SHA256", "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=")]
    public void FullObjectChecksums_MatchTheStandardCheckValues(string algorithm, string expected)
    {
        using var hasher = new FullObjectChecksum(algorithm, expected).CreateHasher();
        hasher.Append("1234"u8);
        hasher.Append("56789"u8);
        Assert.Equal(expected, hasher.FinishBase64());
    }
}
