using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Integrity on upload: flexible checksums (docs/s3-compatibility.md "Checksums") stored and returned with checksum mode, and
/// wrong checksums or Content-MD5 rejected with nothing stored.
/// </summary>
public sealed class ObjectChecksumTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("checksummed body 0123456789\n", 500)));

    public ObjectChecksumTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData("CRC32")]
    [InlineData("CRC32C")]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("CRC64NVME")]
    public async Task PutObject_WithChecksumAlgorithm_StoresChecksumReturnedByGetAndHead(string algorithm)
    {
        var bucket = await CreateBucketAsync("checksum-" + algorithm.ToLowerInvariant());
        var expected = TestChecksums.For(algorithm, Body);

        var put = await PutAsync(bucket, "data.bin", Body, r => r.ChecksumAlgorithm = new ChecksumAlgorithm(algorithm));

        Assert.Equal(expected, ChecksumOf(algorithm, put.ChecksumCRC32, put.ChecksumCRC32C, put.ChecksumSHA1, put.ChecksumSHA256, put.ChecksumCRC64NVME));

        using (var get = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "data.bin", ChecksumMode = ChecksumMode.ENABLED }))
        {
            Assert.Equal(expected, ChecksumOf(algorithm, get.ChecksumCRC32, get.ChecksumCRC32C, get.ChecksumSHA1, get.ChecksumSHA256, get.ChecksumCRC64NVME));
            using var copy = new MemoryStream();
            await get.ResponseStream.CopyToAsync(copy);
            Assert.Equal(Body, copy.ToArray());
        }

        var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "data.bin", ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(expected, ChecksumOf(algorithm, head.ChecksumCRC32, head.ChecksumCRC32C, head.ChecksumSHA1, head.ChecksumSHA256, head.ChecksumCRC64NVME));
        Assert.Equal("\"" + TestChecksums.Md5Hex(Body) + "\"", head.ETag);
    }

    [Fact]
    public async Task PutObject_WithDefaultSettings_StoresTheSdkCrc32()
    {
        // AWSSDK.S3 4.x adds a CRC32 trailer to every PutObject by default (docs/s3-compatibility.md "Checksums").
        var bucket = await CreateBucketAsync("default-crc");
        await PutAsync(bucket, "k", Body);

        var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", ChecksumMode = ChecksumMode.ENABLED });

        Assert.Equal(TestChecksums.Crc32(Body), head.ChecksumCRC32);
    }

    [Theory]
    [InlineData("CRC32", "AAAAAA==")]
    [InlineData("CRC32C", "AAAAAA==")]
    [InlineData("SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")] // SHA-256 of the empty string
    [InlineData("CRC64NVME", "AAAAAAAAAAA=")]
    public async Task PutObject_WithWrongExplicitChecksum_FailsWithBadDigestAndStoresNothing(string algorithm, string wrongValue)
    {
        var bucket = await CreateBucketAsync("bad-checksum");
        Assert.NotEqual(wrongValue, TestChecksums.For(algorithm, Body));

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "BadDigest", () => PutAsync(bucket, "bad", Body, r =>
        {
            r.ChecksumAlgorithm = new ChecksumAlgorithm(algorithm);
            switch (algorithm)
            {
                case "CRC32": r.ChecksumCRC32 = wrongValue; break;
                case "CRC32C": r.ChecksumCRC32C = wrongValue; break;
                case "SHA256": r.ChecksumSHA256 = wrongValue; break;
                case "CRC64NVME": r.ChecksumCRC64NVME = wrongValue; break;
            }
        }));

        Assert.False(await ExistsAsync(bucket, "bad"));
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task PutObject_WithBadContentMd5_FailsWithBadDigestAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("bad-md5");
        var md5OfSomethingElse = TestChecksums.Md5Base64(Encoding.UTF8.GetBytes("not the body"));

        await S3Assert.ThrowsAsync(
            HttpStatusCode.BadRequest,
            "BadDigest",
            () => PutAsync(bucket, "bad", Body, r => r.MD5Digest = md5OfSomethingElse));

        Assert.False(await ExistsAsync(bucket, "bad"));
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task PutObject_WithCorrectContentMd5_Succeeds()
    {
        var bucket = await CreateBucketAsync("good-md5");

        var put = await PutAsync(bucket, "good", Body, r => r.MD5Digest = TestChecksums.Md5Base64(Body));

        Assert.Equal("\"" + TestChecksums.Md5Hex(Body) + "\"", put.ETag);
        Assert.Equal(Body, await GetBytesAsync(bucket, "good"));
    }

    [Fact]
    public async Task PutObject_WithMalformedContentMd5_FailsWithInvalidDigest()
    {
        var bucket = await CreateBucketAsync("invalid-md5");

        // Valid base64, but 3 bytes instead of the 16 of an MD5.
        await S3Assert.ThrowsAsync(
            HttpStatusCode.BadRequest,
            "InvalidDigest",
            () => PutAsync(bucket, "k", Body, r => r.MD5Digest = "AAAA"));

        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task PutObject_FailedOverwriteWithBadDigest_KeepsPreviousObject()
    {
        var bucket = await CreateBucketAsync("keep-previous");
        await PutTextAsync(bucket, "doc", "version one");

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "BadDigest", () => PutAsync(bucket, "doc", Body, r =>
        {
            r.ChecksumAlgorithm = ChecksumAlgorithm.CRC32;
            r.ChecksumCRC32 = "AAAAAA==";
        }));

        Assert.Equal("version one", await GetTextAsync(bucket, "doc"));
        var head = await S3.GetObjectMetadataAsync(bucket, "doc");
        Assert.Equal("\"" + TestChecksums.Md5Hex(Encoding.UTF8.GetBytes("version one")) + "\"", head.ETag);
    }

    [Fact]
    public async Task GetObject_RangedWithChecksumMode_ReturnsNoWholeObjectChecksum()
    {
        var bucket = await CreateBucketAsync("ranged-checksum");
        await PutAsync(bucket, "k", Body, r => r.ChecksumAlgorithm = ChecksumAlgorithm.SHA256);

        using var get = await S3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = "k",
            ByteRange = new ByteRange(0, 99),
            ChecksumMode = ChecksumMode.ENABLED,
        });

        // A whole-object checksum on a partial body would make SDKs fail their validation (docs/s3-compatibility.md "Checksums").
        Assert.Null(get.ChecksumSHA256);
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(Body.AsSpan(0, 100).ToArray(), copy.ToArray());
    }

    private static string? ChecksumOf(string algorithm, string? crc32, string? crc32c, string? sha1, string? sha256, string? crc64) => algorithm switch
    {
        "CRC32" => crc32,
        "CRC32C" => crc32c,
        "SHA1" => sha1,
        "SHA256" => sha256,
        "CRC64NVME" => crc64,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
