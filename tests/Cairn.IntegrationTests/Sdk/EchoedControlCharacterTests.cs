using System.Net;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Request values a response would echo (listing parameters into XML, copy sources into errors, response-*
/// overrides into headers) holding control characters: the request is refused with 400 InvalidArgument and a
/// well-formed XML error body, never a 500 from a writer that could not carry them, and never a split header.
/// </summary>
public sealed class EchoedControlCharacterTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public EchoedControlCharacterTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>Listing requests (BUCKET stands for an existing bucket) with a control character in an echoed parameter.</summary>
    public static TheoryData<string> Listings => new()
    {
        "/BUCKET?prefix=%00",
        "/BUCKET?prefix=%01",
        "/BUCKET?delimiter=%00",
        "/BUCKET?marker=%1F",
        "/BUCKET?list-type=2&delimiter=%00",
        "/BUCKET?list-type=2&prefix=%0B",
        "/BUCKET?list-type=2&start-after=%00",
        "/BUCKET?versions&prefix=%00",
        "/BUCKET?versions&key-marker=%01",
        "/BUCKET?uploads&prefix=%00",
        "/BUCKET?uploads&delimiter=%00",
        "/?prefix=%00",
    };

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task Listing_WithControlCharacterInEchoedParameter_FailsWithInvalidArgument(string pathAndQuery)
    {
        var bucket = await CreateBucketAsync("echo-list");
        await PutTextAsync(bucket, "k", "v");

        using var response = await Raw.SendAsync(HttpMethod.Get, pathAndQuery.Replace("BUCKET", bucket, StringComparison.Ordinal));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Theory]
    [InlineData("%00")]
    [InlineData("a%01b")]
    public async Task CopyObject_WithControlCharacterInCopySource_FailsWithInvalidArgument(string encodedKey)
    {
        var bucket = await CreateBucketAsync("echo-copy");

        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "target"),
            configure: r => r.Headers.TryAddWithoutValidation("x-amz-copy-source", $"/{bucket}/{encodedKey}"));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.False(await ExistsAsync(bucket, "target"));
    }

    [Fact]
    public async Task UploadPartCopy_WithControlCharacterInCopySource_FailsWithInvalidArgument()
    {
        var bucket = await CreateBucketAsync("echo-part-copy");
        var uploadId = (await S3.InitiateMultipartUploadAsync(bucket, "target")).UploadId;

        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "target") + "?partNumber=1&uploadId=" + uploadId,
            configure: r => r.Headers.TryAddWithoutValidation("x-amz-copy-source", $"/{bucket}/%00"));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Theory]
    [InlineData("response-content-type", "%0D%0AX-Injected:%201")]
    [InlineData("response-content-type", "%00")]
    [InlineData("response-content-language", "%00")]
    [InlineData("response-expires", "%00")]
    [InlineData("response-cache-control", "%0AX-Injected:%201")]
    [InlineData("response-content-disposition", "attachment%00")]
    [InlineData("response-content-encoding", "gzip%0D%0AX-Injected:%201")]
    public async Task GetObject_WithControlCharacterInResponseOverride_FailsWithInvalidArgumentAndInjectsNoHeader(string parameter, string encodedValue)
    {
        var bucket = await CreateBucketAsync("echo-override");
        await PutTextAsync(bucket, "k", "v");

        using var response = await Raw.SendAsync(HttpMethod.Get, $"{RawS3Client.ObjectPath(bucket, "k")}?{parameter}={encodedValue}");

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.DoesNotContain(response.Headers.Concat(response.Content.Headers), h => h.Key.Equals("X-Injected", StringComparison.OrdinalIgnoreCase));
    }
}
