using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// GET/HEAD/DELETE details: response header overrides, missing keys and buckets, idempotent delete and
/// the "null" version id of an unversioned bucket.
/// </summary>
public sealed class GetObjectOptionsTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public GetObjectOptionsTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task GetObject_WithResponseHeaderOverrides_ReturnsOverriddenHeadersOnly()
    {
        var bucket = await CreateBucketAsync("overrides");
        await PutAsync(bucket, "doc.txt", [1, 2, 3], r =>
        {
            r.ContentType = "text/plain";
            r.Headers.CacheControl = "no-cache";
        });

        var request = new GetObjectRequest { BucketName = bucket, Key = "doc.txt" };
        request.ResponseHeaderOverrides.ContentType = "application/x-cairn-download";
        request.ResponseHeaderOverrides.ContentDisposition = "attachment; filename=\"download.bin\"";
        request.ResponseHeaderOverrides.CacheControl = "max-age=60";
        using (var response = await S3.GetObjectAsync(request))
        {
            Assert.Equal("application/x-cairn-download", response.Headers.ContentType);
            Assert.Equal("attachment; filename=\"download.bin\"", response.Headers.ContentDisposition);
            Assert.Equal("max-age=60", response.Headers.CacheControl);
        }

        // Overrides change one response, not the stored object.
        var head = await S3.GetObjectMetadataAsync(bucket, "doc.txt");
        Assert.Equal("text/plain", head.Headers.ContentType);
        Assert.Equal("no-cache", head.Headers.CacheControl);
        Assert.Null(head.Headers.ContentDisposition);
    }

    [Fact]
    public async Task HeadObject_MissingKey_Returns404()
    {
        var bucket = await CreateBucketAsync("head-missing");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => S3.GetObjectMetadataAsync(bucket, "no/such/key"));
    }

    [Fact]
    public async Task GetObject_MissingKey_FailsWithNoSuchKey()
    {
        var bucket = await CreateBucketAsync("get-missing");
        await PutTextAsync(bucket, "present", "x");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () => S3.GetObjectAsync(bucket, "absent"));
    }

    [Fact]
    public async Task GetObject_MissingBucket_FailsWithNoSuchBucket()
    {
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchBucket", () => S3.GetObjectAsync(UniqueBucketName("nobucket"), "k"));
    }

    [Fact]
    public async Task DeleteObject_MissingKey_Succeeds204()
    {
        var bucket = await CreateBucketAsync("delete-missing");

        var response = await S3.DeleteObjectAsync(bucket, "never-existed");

        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatusCode);
    }

    [Fact]
    public async Task DeleteObject_ExistingKey_RemovesOnlyThatKey()
    {
        var bucket = await CreateBucketAsync("delete");
        await PutTextAsync(bucket, "a", "1");
        await PutTextAsync(bucket, "a/b", "2");
        await PutTextAsync(bucket, "ab", "3");

        var response = await S3.DeleteObjectAsync(bucket, "a");

        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatusCode);
        Assert.Equal(["a/b", "ab"], await ListAllKeysAsync(bucket));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () => S3.GetObjectAsync(bucket, "a"));
    }

    [Fact]
    public async Task GetHeadDelete_WithVersionIdNull_WorkOnUnversionedObject()
    {
        var bucket = await CreateBucketAsync("version-null");
        var put = await PutTextAsync(bucket, "v.txt", "versioned as null");

        using (var get = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "v.txt", VersionId = "null" }))
        {
            Assert.Equal(HttpStatusCode.OK, get.HttpStatusCode);
            using var reader = new StreamReader(get.ResponseStream);
            Assert.Equal("versioned as null", await reader.ReadToEndAsync());
        }

        var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "v.txt", VersionId = "null" });
        Assert.Equal(put.ETag, head.ETag);

        var delete = await S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "v.txt", VersionId = "null" });
        Assert.Equal(HttpStatusCode.NoContent, delete.HttpStatusCode);
        Assert.False(await ExistsAsync(bucket, "v.txt"));
    }

    [Fact]
    public async Task HeadObject_MissingKey_HasEmptyBodyAndRequestId_OverRawHttp()
    {
        var bucket = await CreateBucketAsync("head-raw");

        using var response = await Raw.SendAsync(HttpMethod.Head, RawS3Client.ObjectPath(bucket, "missing"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(string.IsNullOrEmpty(S3Assert.RequestId(response)), "HEAD error without x-amz-request-id");
    }

    [Fact]
    public async Task GetObject_MissingKey_ErrorXmlNamesTheKey_OverRawHttp()
    {
        var bucket = await CreateBucketAsync("get-raw");

        using var response = await Raw.SendAsync(HttpMethod.Get, RawS3Client.ObjectPath(bucket, "dir/missing.txt"));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.NotFound, "NoSuchKey");
        Assert.Contains("dir/missing.txt", error.Element("Resource")!.Value);
    }
}
