using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>PutObject / GetObject / HeadObject round trips: body, ETag, standard headers and user metadata.</summary>
public sealed class ObjectRoundTripTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly DateTime ExpiresAt = new(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    public ObjectRoundTripTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task PutObject_WithStandardHeadersAndMetadata_ReturnsThemOnGetAndHead()
    {
        var bucket = await CreateBucketAsync("headers");
        var body = Gzip("a compressed report, repeated a few times. a compressed report.");

        await PutAsync(bucket, "reports/2024.json.gz", body, r =>
        {
            r.ContentType = "application/vnd.cairn.test+json";
            r.Headers.ContentEncoding = "gzip";
            r.Headers.ContentDisposition = "attachment; filename=\"report 2024.json\"";
            r.Headers.CacheControl = "max-age=3600, must-revalidate";
            r.Headers.Expires = ExpiresAt;
            r.Metadata.Add("MixedCaseName", "Value With Spaces");
            r.Metadata.Add("x-amz-meta-Another-KEY", "42");
        });

        using (var get = await S3.GetObjectAsync(bucket, "reports/2024.json.gz"))
        {
            using var copy = new MemoryStream();
            await get.ResponseStream.CopyToAsync(copy);
            Assert.Equal(body, copy.ToArray());
            AssertStoredHeaders(get.Headers, get.ExpiresString, get.Metadata);
            Assert.Equal(body.Length, get.ContentLength);
        }

        var head = await S3.GetObjectMetadataAsync(bucket, "reports/2024.json.gz");
        AssertStoredHeaders(head.Headers, head.ExpiresString, head.Metadata);
        Assert.Equal(body.Length, head.ContentLength);
    }

    [Fact]
    public async Task PutObject_ReturnsQuotedMd5ETag_OnPutGetHeadAndList()
    {
        var bucket = await CreateBucketAsync("etag");
        var body = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");
        var expected = "\"" + TestChecksums.Md5Hex(body) + "\"";
        Assert.Equal("\"9e107d9d372bb6826bd81d3542a419d6\"", expected);

        var put = await PutAsync(bucket, "fox.txt", body);
        Assert.Equal(expected, put.ETag);

        using (var get = await S3.GetObjectAsync(bucket, "fox.txt"))
        {
            Assert.Equal(expected, get.ETag);
        }

        Assert.Equal(expected, (await S3.GetObjectMetadataAsync(bucket, "fox.txt")).ETag);
        var listed = Assert.Single((await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
        Assert.Equal(expected, listed.ETag);
        Assert.Equal(body.Length, listed.Size);
    }

    [Fact]
    public async Task PutObject_EmptyBody_RoundTripsWithEmptyMd5ETag()
    {
        var bucket = await CreateBucketAsync("empty-object");

        var put = await PutAsync(bucket, "empty", []);

        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", put.ETag);
        Assert.Empty(await GetBytesAsync(bucket, "empty"));
        var head = await S3.GetObjectMetadataAsync(bucket, "empty");
        Assert.Equal(0, head.ContentLength);
        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", head.ETag);
        var listed = Assert.Single((await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
        Assert.Equal(0, listed.Size);
    }

    [Fact]
    public async Task PutObject_WithoutContentType_DefaultsToBinaryOctetStream()
    {
        // The SDK always sends a Content-Type (text/plain for a stream), so this PUT is made by hand.
        var bucket = await CreateBucketAsync("default-type");
        using (var put = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "blob"), [1, 2, 3]))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Null(put.RequestMessage!.Content!.Headers.ContentType);
        }

        var head = await S3.GetObjectMetadataAsync(bucket, "blob");

        // S3 stores binary/octet-stream for an upload without Content-Type.
        Assert.Contains(head.Headers.ContentType, new[] { "binary/octet-stream", "application/octet-stream" });
        Assert.Equal(3, head.ContentLength);
    }

    [Fact]
    public async Task PutObject_Overwrite_ReplacesBodyAndMetadata()
    {
        var bucket = await CreateBucketAsync("overwrite");
        await PutAsync(bucket, "doc", Encoding.UTF8.GetBytes("first version"), r =>
        {
            r.ContentType = "text/plain";
            r.Metadata.Add("version", "1");
            r.Metadata.Add("only-in-first", "yes");
        });

        await PutAsync(bucket, "doc", Encoding.UTF8.GetBytes("second, longer version"), r =>
        {
            r.ContentType = "text/markdown";
            r.Metadata.Add("version", "2");
        });

        Assert.Equal("second, longer version", await GetTextAsync(bucket, "doc"));
        var head = await S3.GetObjectMetadataAsync(bucket, "doc");
        Assert.Equal("text/markdown", head.Headers.ContentType);
        Assert.Equal("2", head.Metadata["version"]);
        Assert.DoesNotContain("x-amz-meta-only-in-first", head.Metadata.Keys);
        Assert.Equal("\"" + TestChecksums.Md5Hex(Encoding.UTF8.GetBytes("second, longer version")) + "\"", head.ETag);
        Assert.Single(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task GetAndHead_ReportLastModifiedCloseToNow()
    {
        var bucket = await CreateBucketAsync("last-modified");
        var before = DateTime.UtcNow.AddSeconds(-30);
        await PutTextAsync(bucket, "k", "v");

        var head = await S3.GetObjectMetadataAsync(bucket, "k");
        var listed = Assert.Single((await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);

        Assert.InRange(head.LastModified!.Value.ToUniversalTime(), before, DateTime.UtcNow.AddSeconds(30));
        // The listing has milliseconds, the header only seconds: they agree to the second.
        var fromList = listed.LastModified!.Value.ToUniversalTime();
        Assert.True(Math.Abs((fromList - head.LastModified.Value.ToUniversalTime()).TotalSeconds) < 1.0, $"list {fromList:o} vs head {head.LastModified:o}");
    }

    [Fact]
    public async Task HeadObject_ReturnsUserMetadataNamesInLowerCase_OverRawHttp()
    {
        var bucket = await CreateBucketAsync("raw-meta");
        await PutAsync(bucket, "m", [7], r => r.Metadata.Add("CamelCaseKey", "v"));

        using var response = await Raw.SendAsync(HttpMethod.Head, RawS3Client.ObjectPath(bucket, "m"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = response.Headers.Select(h => h.Key).Where(n => n.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(["x-amz-meta-camelcasekey"], names);
        Assert.Equal(1, response.Content.Headers.ContentLength);
    }

    private static void AssertStoredHeaders(HeadersCollection headers, string? expires, MetadataCollection metadata)
    {
        Assert.Equal("application/vnd.cairn.test+json", headers.ContentType);
        Assert.Equal("gzip", headers.ContentEncoding); // aws-chunked from the SDK's framing must be stripped
        Assert.Equal("attachment; filename=\"report 2024.json\"", headers.ContentDisposition);
        // .NET's HttpClient re-serialises Cache-Control in its own directive order: compare the directives.
        Assert.Equal(CacheControlHeaderValue.Parse("max-age=3600, must-revalidate"), CacheControlHeaderValue.Parse(headers.CacheControl));
        Assert.NotNull(expires);
        Assert.Equal(
            ExpiresAt,
            DateTime.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));

        // S3 stores user metadata names in lower case; the SDK keeps the names as the server sent them.
        Assert.Equal(
            ["x-amz-meta-another-key", "x-amz-meta-mixedcasename"],
            metadata.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        Assert.Equal("Value With Spaces", metadata["mixedcasename"]);
        Assert.Equal("42", metadata["another-key"]);
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
