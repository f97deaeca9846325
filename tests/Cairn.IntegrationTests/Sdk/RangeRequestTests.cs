using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>GetObject with a Range header: 206 with Content-Range and the right bytes, 416 when unsatisfiable.</summary>
public sealed class RangeRequestTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const int Length = 1000;
    private static readonly byte[] Body = DeterministicStream.Slice(99, 0, Length);

    public RangeRequestTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=10-19", 10, 19)]
    [InlineData("bytes=990-999", 990, 999)]
    [InlineData("bytes=100-", 100, 999)] // open-ended
    [InlineData("bytes=-50", 950, 999)] // suffix: the last 50 bytes
    [InlineData("bytes=900-5000", 900, 999)] // end past the object is clamped
    [InlineData("bytes=-5000", 0, 999)] // suffix longer than the object: the whole object
    public async Task GetObject_WithRange_Returns206WithContentRangeAndThoseBytes(string range, int first, int last)
    {
        var bucket = await CreateBucketAsync("range");
        await PutAsync(bucket, "r.bin", Body);

        using var response = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "r.bin", ByteRange = new ByteRange(range) });

        Assert.Equal(HttpStatusCode.PartialContent, response.HttpStatusCode);
        Assert.Equal($"bytes {first}-{last}/{Length}", response.ContentRange);
        Assert.Equal(last - first + 1, response.ContentLength);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        Assert.Equal(Body.AsSpan(first, last - first + 1).ToArray(), buffer.ToArray());
        Assert.Equal("\"" + TestChecksums.Md5Hex(Body) + "\"", response.ETag); // the whole object's ETag
    }

    [Fact]
    public async Task GetObject_WithRangeFromStartAndEnd_UsesByteRangeConstructor()
    {
        var bucket = await CreateBucketAsync("range-ctor");
        await PutAsync(bucket, "r.bin", Body);

        using var response = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "r.bin", ByteRange = new ByteRange(500, 755) });

        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        Assert.Equal(Body.AsSpan(500, 256).ToArray(), buffer.ToArray());
        Assert.Equal("bytes 500-755/1000", response.ContentRange);
    }

    [Theory]
    [InlineData("bytes=1000-1100")] // starts exactly at the end
    [InlineData("bytes=5000-")]
    public async Task GetObject_WithRangeBeyondEnd_FailsWithInvalidRange(string range)
    {
        var bucket = await CreateBucketAsync("range-416");
        await PutAsync(bucket, "r.bin", Body);

        await S3Assert.ThrowsAsync(
            HttpStatusCode.RequestedRangeNotSatisfiable,
            "InvalidRange",
            () => S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "r.bin", ByteRange = new ByteRange(range) }));
    }

    [Fact]
    public async Task GetObject_RangeBeyondEnd_AnswersWithS3ErrorXml()
    {
        var bucket = await CreateBucketAsync("range-416-raw");
        await PutAsync(bucket, "r.bin", Body);

        using var response = await Raw.SendAsync(
            HttpMethod.Get,
            RawS3Client.ObjectPath(bucket, "r.bin"),
            configure: r => r.Headers.TryAddWithoutValidation("Range", "bytes=2000-3000"));

        await S3Assert.ErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange");
    }

    [Fact]
    public async Task HeadObject_WithRange_ReportsTheRangeLength()
    {
        var bucket = await CreateBucketAsync("range-head");
        await PutAsync(bucket, "r.bin", Body);

        var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "r.bin", Range = "bytes=0-9" });

        // AWS: "If the Range is satisfiable, only the ContentLength is affected in the response."
        Assert.Equal(10, head.ContentLength);
        Assert.Equal("\"" + TestChecksums.Md5Hex(Body) + "\"", head.ETag);
    }

    [Fact]
    public async Task GetObject_EveryResponseAdvertisesAcceptRangesBytes()
    {
        var bucket = await CreateBucketAsync("accept-ranges");
        await PutAsync(bucket, "r.bin", Body);

        using var response = await S3.GetObjectAsync(bucket, "r.bin");

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        Assert.Equal("bytes", response.AcceptRanges);
    }
}
