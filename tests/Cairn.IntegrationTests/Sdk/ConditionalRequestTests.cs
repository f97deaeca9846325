using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Conditional GET/HEAD: If-Match and If-Unmodified-Since fail with 412 PreconditionFailed, If-None-Match
/// and If-Modified-Since answer 304 (the SDK throws with StatusCode NotModified).
/// </summary>
public sealed class ConditionalRequestTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const string Key = "conditional.txt";

    public ConditionalRequestTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetObject_IfMatchWithCurrentETag_ReturnsObject(bool quoted)
    {
        var (bucket, etag, _) = await CreateObjectAsync();
        var sent = quoted ? etag : etag.Trim('"');

        using var response = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key, EtagToMatch = sent });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        Assert.Equal(etag, response.ETag);
    }

    [Fact]
    public async Task GetObject_IfMatchWithOtherETag_FailsWithPreconditionFailed()
    {
        var (bucket, _, _) = await CreateObjectAsync();

        await S3Assert.ThrowsAsync(
            HttpStatusCode.PreconditionFailed,
            "PreconditionFailed",
            () => S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key, EtagToMatch = "\"0123456789abcdef0123456789abcdef\"" }));
    }

    [Fact]
    public async Task GetObject_IfNoneMatchWithCurrentETag_Returns304NotModified()
    {
        var (bucket, etag, _) = await CreateObjectAsync();

        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotModified,
            null,
            () => S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key, EtagToNotMatch = etag }));
    }

    [Fact]
    public async Task GetObject_IfNoneMatchWithOtherETag_ReturnsObject()
    {
        var (bucket, etag, _) = await CreateObjectAsync();

        using var response = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key, EtagToNotMatch = "\"ffffffffffffffffffffffffffffffff\"" });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        Assert.Equal(etag, response.ETag);
    }

    [Fact]
    public async Task GetObject_IfModifiedSinceLastModified_Returns304NotModified()
    {
        var (bucket, _, lastModified) = await CreateObjectAsync();

        // Not modified after its own Last-Modified (a date in the past, so it is not ignored as invalid).
        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotModified,
            null,
            () => S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key, ModifiedSinceDate = lastModified }));
    }

    [Fact]
    public async Task GetObject_IfModifiedSinceEarlierDate_ReturnsObject()
    {
        var (bucket, _, lastModified) = await CreateObjectAsync();

        using var response = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key, ModifiedSinceDate = lastModified.AddDays(-1) });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
    }

    [Fact]
    public async Task GetObject_IfUnmodifiedSinceEarlierDate_FailsWithPreconditionFailed()
    {
        var (bucket, _, lastModified) = await CreateObjectAsync();

        await S3Assert.ThrowsAsync(
            HttpStatusCode.PreconditionFailed,
            "PreconditionFailed",
            () => S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key, UnmodifiedSinceDate = lastModified.AddDays(-1) }));
    }

    [Fact]
    public async Task GetObject_IfUnmodifiedSinceLastModified_ReturnsObject()
    {
        var (bucket, _, lastModified) = await CreateObjectAsync();

        using var response = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = Key, UnmodifiedSinceDate = lastModified });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
    }

    [Fact]
    public async Task GetObject_IfMatchTrueAndIfUnmodifiedSinceFalse_ReturnsObject()
    {
        // S3 (RFC 7232 6): when If-Match passes, If-Unmodified-Since is not evaluated.
        var (bucket, etag, lastModified) = await CreateObjectAsync();

        using var response = await S3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = Key,
            EtagToMatch = etag,
            UnmodifiedSinceDate = lastModified.AddDays(-1),
        });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
    }

    [Fact]
    public async Task GetObject_IfNoneMatchFalseAndIfModifiedSinceTrue_Returns304()
    {
        // S3 (RFC 7232 6): when If-None-Match is present, If-Modified-Since is not evaluated.
        var (bucket, etag, lastModified) = await CreateObjectAsync();

        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotModified,
            null,
            () => S3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket,
                Key = Key,
                EtagToNotMatch = etag,
                ModifiedSinceDate = lastModified.AddDays(-1),
            }));
    }

    [Fact]
    public async Task HeadObject_IfMatchWithOtherETag_Returns412()
    {
        var (bucket, _, _) = await CreateObjectAsync();

        await S3Assert.ThrowsAsync(
            HttpStatusCode.PreconditionFailed,
            null,
            () => S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = Key, EtagToMatch = "\"00000000000000000000000000000000\"" }));
    }

    [Fact]
    public async Task HeadObject_IfNoneMatchWithCurrentETag_Returns304()
    {
        var (bucket, etag, _) = await CreateObjectAsync();

        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotModified,
            null,
            () => S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = Key, EtagToNotMatch = etag }));
    }

    [Fact]
    public async Task GetObject_NotModified_RawResponseHasETagAndNoBody()
    {
        var (bucket, etag, _) = await CreateObjectAsync();

        using var response = await Raw.SendAsync(
            HttpMethod.Get,
            RawS3Client.ObjectPath(bucket, Key),
            configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(string.IsNullOrEmpty(S3Assert.RequestId(response)), "304 without x-amz-request-id");
    }

    private async Task<(string Bucket, string ETag, DateTime LastModified)> CreateObjectAsync()
    {
        var bucket = await CreateBucketAsync("cond");
        var put = await PutTextAsync(bucket, Key, "conditional content");
        var head = await S3.GetObjectMetadataAsync(bucket, Key);
        Assert.Equal(put.ETag, head.ETag);
        var lastModified = DateTime.SpecifyKind(head.LastModified!.Value.ToUniversalTime(), DateTimeKind.Utc);
        return (bucket, head.ETag, lastModified);
    }
}
