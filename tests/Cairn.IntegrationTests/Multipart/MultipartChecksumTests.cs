using System.Buffers.Binary;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// Checksums bound to a multipart upload (docs/s3-compatibility.md "Checksums"): the algorithm chosen at Create, per-part values
/// at UploadPart and Complete, and the object checksum GetObject/HeadObject return with ChecksumMode ENABLED —
/// composite <c>base64(H(concat(raw part checksums)))-N</c>, or the full-object CRC of the whole content.
/// Expected values are computed here, independently of the server.
/// </summary>
public sealed class MultipartChecksumTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    public MultipartChecksumTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData("CRC32")]
    [InlineData("CRC32C")]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    public async Task Complete_WithCompositeChecksumAlgorithm_ObjectHasCompositeChecksumOfPartChecksums(string algorithm)
    {
        var bucket = await CreateBucketAsync("mpu-composite");
        var key = "composite/" + algorithm;
        byte[][] parts = [Data(MinPart + 1, seed: 91), Data(MinPart + 2, seed: 92), Data(5555, seed: 93)];
        var partChecksums = parts.Select(p => TestChecksums.For(algorithm, p)).ToArray();
        var expected = TestChecksums.For(algorithm, Concat(partChecksums.Select(Convert.FromBase64String))) + "-" + parts.Length;

        var (uploadId, etags) = await UploadWithChecksumsAsync(bucket, key, algorithm, null, parts, partChecksums);
        var complete = await S3.CompleteMultipartUploadAsync(CompleteRequest(bucket, key, uploadId, algorithm, etags, partChecksums));

        Assert.Equal(expected, ChecksumOf(algorithm, complete.ChecksumCRC32, complete.ChecksumCRC32C, complete.ChecksumSHA1, complete.ChecksumSHA256, complete.ChecksumCRC64NVME));
        Assert.Equal(ExpectedMultipartETag(parts), complete.ETag);

        using (var get = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED }))
        {
            Assert.Equal(expected, ChecksumOf(algorithm, get.ChecksumCRC32, get.ChecksumCRC32C, get.ChecksumSHA1, get.ChecksumSHA256, get.ChecksumCRC64NVME));
            Assert.Equal(ChecksumType.COMPOSITE, get.ChecksumType);
            using var buffer = new MemoryStream();
            await get.ResponseStream.CopyToAsync(buffer);
            Assert.Equal(Concat(parts), buffer.ToArray());
        }

        var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(expected, ChecksumOf(algorithm, head.ChecksumCRC32, head.ChecksumCRC32C, head.ChecksumSHA1, head.ChecksumSHA256, head.ChecksumCRC64NVME));
        Assert.Equal(ChecksumType.COMPOSITE, head.ChecksumType);
    }

    [Theory]
    [InlineData("CRC64NVME", false)]
    [InlineData("CRC64NVME", true)]
    [InlineData("CRC32", true)]
    [InlineData("CRC32C", true)]
    public async Task Complete_WithFullObjectChecksum_ObjectChecksumIsTheCrcOfTheWholeContent(string algorithm, bool declareFullObject)
    {
        var bucket = await CreateBucketAsync("mpu-fullobject");
        var key = "full-object/" + algorithm;
        byte[][] parts = [Data(MinPart + 11, seed: 94), Data(MinPart + 12, seed: 95), Data(MinPart + 13, seed: 96), Data(77, seed: 97)];
        var whole = Concat(parts);
        var partChecksums = parts.Select(p => TestChecksums.For(algorithm, p)).ToArray();
        var expected = algorithm == "CRC64NVME" ? Crc64NvmeBase64(whole) : TestChecksums.For(algorithm, whole);
        if (algorithm == "CRC64NVME")
        {
            Assert.Equal(TestChecksums.Crc64Nvme(whole), expected);
        }

        var (uploadId, etags) = await UploadWithChecksumsAsync(bucket, key, algorithm, declareFullObject ? ChecksumType.FULL_OBJECT : null, parts, partChecksums);
        var complete = await S3.CompleteMultipartUploadAsync(CompleteRequest(bucket, key, uploadId, algorithm, etags, partChecksums));
        Assert.Equal(expected, ChecksumOf(algorithm, complete.ChecksumCRC32, complete.ChecksumCRC32C, complete.ChecksumSHA1, complete.ChecksumSHA256, complete.ChecksumCRC64NVME));

        // A full-object value is validated by the SDK while the body streams (docs/s3-compatibility.md "Checksums").
        using (var get = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED }))
        {
            Assert.Equal(expected, ChecksumOf(algorithm, get.ChecksumCRC32, get.ChecksumCRC32C, get.ChecksumSHA1, get.ChecksumSHA256, get.ChecksumCRC64NVME));
            Assert.Equal(ChecksumType.FULL_OBJECT, get.ChecksumType);
            using var buffer = new MemoryStream();
            await get.ResponseStream.CopyToAsync(buffer);
            Assert.Equal(whole, buffer.ToArray());
        }

        var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(expected, ChecksumOf(algorithm, head.ChecksumCRC32, head.ChecksumCRC32C, head.ChecksumSHA1, head.ChecksumSHA256, head.ChecksumCRC64NVME));
        Assert.Equal(ChecksumType.FULL_OBJECT, head.ChecksumType);
    }

    /// <summary>Creates the upload with <paramref name="algorithm"/>, uploads the parts with it, checks every per-part value.</summary>
    private async Task<(string UploadId, string[] ETags)> UploadWithChecksumsAsync(
        string bucket, string key, string algorithm, ChecksumType? type, byte[][] parts, string[] partChecksums)
    {
        var sdkAlgorithm = ChecksumAlgorithm.FindValue(algorithm);
        var uploadId = await InitiateAsync(bucket, key, r =>
        {
            r.ChecksumAlgorithm = sdkAlgorithm;
            if (type is not null)
            {
                r.ChecksumType = type;
            }
        });

        var responses = await Task.WhenAll(parts.Select((p, i) =>
            UploadPartAsync(bucket, key, uploadId, i + 1, p, r => r.ChecksumAlgorithm = sdkAlgorithm)));
        for (var i = 0; i < parts.Length; i++)
        {
            var r = responses[i];
            Assert.Equal(partChecksums[i], ChecksumOf(algorithm, r.ChecksumCRC32, r.ChecksumCRC32C, r.ChecksumSHA1, r.ChecksumSHA256, r.ChecksumCRC64NVME));
        }

        var listed = await ListAllPartsAsync(bucket, key, uploadId);
        Assert.Equal(partChecksums, listed.Select(p => ChecksumOf(algorithm, p.ChecksumCRC32, p.ChecksumCRC32C, p.ChecksumSHA1, p.ChecksumSHA256, p.ChecksumCRC64NVME)));
        return (uploadId, responses.Select(r => r.ETag).ToArray());
    }

    private static CompleteMultipartUploadRequest CompleteRequest(
        string bucket, string key, string uploadId, string algorithm, string[] etags, string[] partChecksums) => new()
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = etags.Select((etag, i) =>
            {
                var part = new PartETag { PartNumber = i + 1, ETag = etag };
                switch (algorithm)
                {
                    case "CRC32": part.ChecksumCRC32 = partChecksums[i]; break;
                    case "CRC32C": part.ChecksumCRC32C = partChecksums[i]; break;
                    case "SHA1": part.ChecksumSHA1 = partChecksums[i]; break;
                    case "SHA256": part.ChecksumSHA256 = partChecksums[i]; break;
                    case "CRC64NVME": part.ChecksumCRC64NVME = partChecksums[i]; break;
                    default: throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null);
                }

                return part;
            }).ToList(),
        };

    private static string? ChecksumOf(string algorithm, string? crc32, string? crc32c, string? sha1, string? sha256, string? crc64nvme) => algorithm switch
    {
        "CRC32" => crc32,
        "CRC32C" => crc32c,
        "SHA1" => sha1,
        "SHA256" => sha256,
        "CRC64NVME" => crc64nvme,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>The whole content's CRC-64/NVME, with Cairn.Core's implementation, in the header's base64 form.</summary>
    private static string Crc64NvmeBase64(byte[] data)
    {
        var raw = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(raw, Cairn.Core.Checksums.Crc64Nvme.Compute(data));
        return Convert.ToBase64String(raw);
    }
}
