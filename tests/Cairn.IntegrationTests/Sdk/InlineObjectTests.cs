using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Objects up to the inline limit (64 KiB by default) live in their metadata row: no blob file is written for
/// them, and they behave exactly like any other object for reads, ranges, copies, part copies and deletes.
/// </summary>
public sealed class InlineObjectTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public InlineObjectTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    private int InlineLimit => Fixture.Host.Options.Limits.InlineObjectMaxSize;

    [Fact]
    public async Task SmallObjects_UpToTheInlineLimit_WriteNoBlobFile_AndLargerOnesDo()
    {
        var bucket = await CreateBucketAsync("inline-files");
        await Fixture.Host.CollectGarbageAsync();
        var before = DataDirectoryInspector.BlobFiles(Fixture.DataDirectory).Count;

        await PutAsync(bucket, "empty", []);
        await PutAsync(bucket, "small", Bytes(4096, 1));
        await PutAsync(bucket, "at-limit", Bytes(InlineLimit, 2));
        Assert.Equal(before, DataDirectoryInspector.BlobFiles(Fixture.DataDirectory).Count);

        await PutAsync(bucket, "over-limit", Bytes(InlineLimit + 1, 3));
        Assert.Equal(before + 1, DataDirectoryInspector.BlobFiles(Fixture.DataDirectory).Count);

        Assert.Equal(Bytes(4096, 1), await GetBytesAsync(bucket, "small"));
        Assert.Equal(Bytes(InlineLimit, 2), await GetBytesAsync(bucket, "at-limit"));
        Assert.Equal(Bytes(InlineLimit + 1, 3), await GetBytesAsync(bucket, "over-limit"));
        Assert.Empty(await GetBytesAsync(bucket, "empty"));
    }

    [Fact]
    public async Task InlineObject_ServesRangesHeadCopyAndListing()
    {
        var bucket = await CreateBucketAsync("inline-reads");
        var body = Bytes(10_000, 4);
        var put = await PutAsync(bucket, "k", body, r => r.Metadata.Add("color", "blue"));

        using (var ranged = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", ByteRange = new ByteRange(100, 199) }))
        {
            using var buffer = new MemoryStream();
            await ranged.ResponseStream.CopyToAsync(buffer);
            Assert.Equal(HttpStatusCode.PartialContent, ranged.HttpStatusCode);
            Assert.Equal(body[100..200], buffer.ToArray());
        }

        var head = await S3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal(10_000, head.ContentLength);
        Assert.Equal(put.ETag, head.ETag);
        Assert.Equal("blue", head.Metadata["color"]);

        await S3.CopyObjectAsync(bucket, "k", bucket, "copy");
        await S3.DeleteObjectAsync(bucket, "k");
        Assert.Equal(body, await GetBytesAsync(bucket, "copy"));
        Assert.Equal(["copy"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task InlineObject_AsUploadPartCopySource_GivesThePartItsBytes()
    {
        var bucket = await CreateBucketAsync("inline-partcopy");
        var small = Bytes(5_000, 5);
        var large = Bytes(200 * 1024, 6);
        await PutAsync(bucket, "small", small);
        var upload = await S3.InitiateMultipartUploadAsync(bucket, "joined");
        var part1 = await S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "joined", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(large),
        });
        var part2 = await S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket, SourceKey = "small", DestinationBucket = bucket, DestinationKey = "joined",
            UploadId = upload.UploadId, PartNumber = 2,
        });
        await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "joined", UploadId = upload.UploadId,
            PartETags = [new PartETag(1, part1.ETag), new PartETag(2, part2.ETag)],
        });

        Assert.Equal(large.Concat(small).ToArray(), await GetBytesAsync(bucket, "joined"));
    }

    [Fact]
    public async Task InlineObject_WithBadChecksum_IsNotStored()
    {
        var bucket = await CreateBucketAsync("inline-baddigest");
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => PutAsync(bucket, "k", Bytes(100, 7), r =>
        {
            r.ChecksumAlgorithm = ChecksumAlgorithm.CRC32;
            r.ChecksumCRC32 = "AAAAAA==";
        }));

        Assert.Equal("BadDigest", error.ErrorCode);
        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task InlineObject_SurvivesAServerRestart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cairn-inline-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var options = new Cairn.Server.Hosting.CairnOptions { DataDirectory = dir, Urls = "http://127.0.0.1:0", ManagementUrls = "http://127.0.0.1:0", RootUser = "inline", RootPassword = "inline-secret-123" };
            var body = Bytes(3_000, 8);
            await using (var first = await Cairn.Server.Hosting.CairnHost.StartAsync(options))
            {
                using var client = Client(first);
                await client.PutBucketAsync("restart");
                await client.PutObjectAsync(new PutObjectRequest { BucketName = "restart", Key = "k", InputStream = new MemoryStream(body) });
            }

            options.Urls = "http://127.0.0.1:0";
            await using var second = await Cairn.Server.Hosting.CairnHost.StartAsync(options);
            using var again = Client(second);
            using var response = await again.GetObjectAsync("restart", "k");
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer);
            Assert.Equal(body, buffer.ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static AmazonS3Client Client(Cairn.Server.Hosting.CairnHost host) =>
        new(new Amazon.Runtime.BasicAWSCredentials(host.AccessKey, host.SecretKey),
            new AmazonS3Config { ServiceURL = host.BaseAddress.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
