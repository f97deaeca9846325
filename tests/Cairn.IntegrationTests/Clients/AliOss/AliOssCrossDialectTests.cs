using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit.Abstractions;
using static Cairn.IntegrationTests.Clients.AliOss.AliOssAssert;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// One store, two dialects: objects written with AWSSDK.S3 (in one piece and multipart) are read with ali-oss, and an
/// object written with ali-oss is read with AWSSDK.S3, with the same bytes, ETag (OSS spells it in upper case),
/// user metadata (x-amz-meta-* is x-oss-meta-*) and, on the OSS side, a CRC-64 that matches the bytes.
/// </summary>
public sealed class AliOssCrossDialectTests(AliOssServerFixture server, ITestOutputHelper output)
    : IClassFixture<AliOssServerFixture>, IDisposable
{
    private readonly AliOssScript _oss = new(output);

    [SkippableFact]
    public async Task An_object_put_with_the_AWS_SDK_reads_the_same_through_ali_oss()
    {
        var bucket = await server.CreateBucketAsync();
        using var s3 = server.CreateClient();
        var content = ClientTestSupport.RandomBytes(700 * 1024, seed: 31);
        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "from-s3/report.bin",
            InputStream = new MemoryStream(content),
            Metadata = { ["color"] = "green" },
        });

        var seen = await _oss.RunAsync(await AliOssConnection.ForAsync(server, bucket), "describe", "from-s3/report.bin");

        AssertSameObject(seen, put.ETag, content);
        Assert.Equal("green", Text(seen.GetProperty("head").GetProperty("meta"), "color"));
    }

    [SkippableFact]
    public async Task A_multipart_object_from_the_AWS_SDK_reads_through_ali_oss_with_the_CRC64_combined_from_its_parts()
    {
        var bucket = await server.CreateBucketAsync();
        using var s3 = server.CreateClient();
        var content = ClientTestSupport.RandomBytes(500 * 1024, seed: 37);
        var etag = await UploadInPartsAsync(s3, bucket, "from-s3/multipart.bin", content, 200 * 1024);

        var seen = await _oss.RunAsync(await AliOssConnection.ForAsync(server, bucket, v4: true), "describe", "from-s3/multipart.bin");

        Assert.EndsWith("-3\"", etag, StringComparison.Ordinal);
        AssertSameObject(seen, etag, content);
    }

    [SkippableFact]
    public async Task An_object_put_with_ali_oss_reads_the_same_through_the_AWS_SDK()
    {
        var bucket = await server.CreateBucketAsync();
        var file = await _oss.CreateFileAsync("notes.bin", 90 * 1024, seed: 41);

        var put = await _oss.RunAsync(await AliOssConnection.ForAsync(server, bucket), "put", "from-oss/notes.bin", file, """{"color":"red"}""");

        var local = put.GetProperty("local");
        Assert.Equal(200, put.GetProperty("status").GetInt32());
        Assert.Equal(ETagOf(local), Text(put, "etag"));
        Assert.Equal(Text(local, "crc64"), Text(put, "crc64"));
        using var s3 = server.CreateClient();
        using var read = await s3.GetObjectAsync(bucket, "from-oss/notes.bin");
        using var body = new MemoryStream();
        await read.ResponseStream.CopyToAsync(body);
        Assert.Equal(Text(local, "md5"), Convert.ToHexStringLower(MD5.HashData(body.ToArray())));
        Assert.Equal(Text(put, "etag"), read.ETag, ignoreCase: true);
        Assert.Equal("red", read.Metadata["x-amz-meta-color"]);
    }

    public void Dispose() => _oss.Dispose();

    /// <summary>What ali-oss saw (head, get and the downloaded bytes) is the object S3 wrote.</summary>
    private static void AssertSameObject(JsonElement seen, string s3ETag, byte[] content)
    {
        var head = seen.GetProperty("head");
        var body = seen.GetProperty("body");
        Assert.Equal(200, head.GetProperty("status").GetInt32());
        Assert.Equal(s3ETag, Text(head, "etag"), ignoreCase: true);
        Assert.Equal(Text(head, "etag"), Text(head, "etag")!.ToUpperInvariant());
        Assert.Equal(content.Length, head.GetProperty("size").GetInt64());
        Assert.Equal(content.Length, body.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), Text(body, "md5"));
        Assert.Equal(Text(body, "crc64"), Text(head, "crc64"));
        Assert.Equal(Text(body, "crc64"), Text(seen.GetProperty("get"), "crc64"));
    }

    /// <summary>A multipart upload through the S3 dialect in parts of <paramref name="partSize"/>; returns the ETag.</summary>
    private static async Task<string> UploadInPartsAsync(IAmazonS3 s3, string bucket, string key, byte[] content, int partSize)
    {
        var upload = await s3.InitiateMultipartUploadAsync(bucket, key);
        var parts = new List<PartETag>();
        for (var offset = 0; offset < content.Length; offset += partSize)
        {
            var part = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartNumber = parts.Count + 1,
                InputStream = new MemoryStream(content, offset, Math.Min(partSize, content.Length - offset)),
            });
            parts.Add(new PartETag(part.PartNumber ?? parts.Count + 1, part.ETag));
        }

        var complete = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = upload.UploadId,
            PartETags = parts,
        });
        return complete.ETag;
    }
}
