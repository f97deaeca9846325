using System.Net;
using System.Xml.Linq;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Cors;

/// <summary>
/// What a browser on another origin sees: a preflight for its upload, then signed multipart requests carrying Origin,
/// each answered with the CORS headers that let its script read the ETag; errors carry them too, and requests
/// without Origin, or from an origin no rule allows, carry none.
/// </summary>
public sealed class CrossOriginUploadTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const string Origin = "https://app.example.com";
    private static readonly XNamespace S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public CrossOriginUploadTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_browser_uploads_a_multipart_object_and_reads_every_ETag()
    {
        var bucket = await CreateUploadBucketAsync("xo-multipart");
        const string key = "videos/clip.bin";
        var path = RawS3Client.ObjectPath(bucket, key);

        var preflight = await CorsRequests.SendAsync(Fixture.BaseAddress, "OPTIONS", path + "?partNumber=1&uploadId=x", headers:
            [("Origin", Origin), ("Access-Control-Request-Method", "PUT"), ("Access-Control-Request-Headers", "content-type")]);
        Assert.Equal(200, preflight.Status);
        Assert.Equal(Origin, preflight.Header("Access-Control-Allow-Origin"));
        Assert.Equal("content-type", preflight.Header("Access-Control-Allow-Headers"));

        using var created = await SendWithOriginAsync(HttpMethod.Post, path + "?uploads");
        AssertCorsHeaders(created);
        var uploadId = XElement.Parse(await created.Content.ReadAsStringAsync()).Element(S3Ns + "UploadId")!.Value;

        var parts = new List<(int Number, string ETag)>();
        foreach (var (number, size) in new[] { (1, 5 * 1024 * 1024), (2, 1000) })
        {
            using var uploaded = await SendWithOriginAsync(HttpMethod.Put, $"{path}?partNumber={number}&uploadId={Uri.EscapeDataString(uploadId)}",
                DeterministicStream.Slice((ulong)number, 0, size));
            AssertCorsHeaders(uploaded);
            parts.Add((number, uploaded.Headers.ETag!.Tag));
        }

        var complete = new XElement("CompleteMultipartUpload",
            parts.Select(p => new XElement("Part", new XElement("PartNumber", p.Number), new XElement("ETag", p.ETag))));
        using var completed = await SendWithOriginAsync(HttpMethod.Post, $"{path}?uploadId={Uri.EscapeDataString(uploadId)}",
            System.Text.Encoding.UTF8.GetBytes(complete.ToString()));
        AssertCorsHeaders(completed);
        var etag = XElement.Parse(await completed.Content.ReadAsStringAsync()).Element(S3Ns + "ETag")!.Value;

        Assert.EndsWith("-2\"", etag, StringComparison.Ordinal);
        Assert.Equal(etag, (await S3.GetObjectMetadataAsync(bucket, key)).ETag);
    }

    [Fact]
    public async Task An_error_answer_carries_the_cors_headers_too()
    {
        var bucket = await CreateUploadBucketAsync("xo-error");

        using var missing = await SendWithOriginAsync(HttpMethod.Get, RawS3Client.ObjectPath(bucket, "absent"));
        var anonymous = await CorsRequests.SendAsync(Fixture.BaseAddress, "GET", RawS3Client.ObjectPath(bucket, "absent"), headers: ("Origin", Origin));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertCorsHeaders(missing);
        Assert.Equal(403, anonymous.Status);
        Assert.Equal(Origin, anonymous.Header("Access-Control-Allow-Origin"));
        Assert.Equal("ETag", anonymous.Header("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Requests_without_origin_or_from_an_origin_no_rule_allows_get_no_cors_headers()
    {
        var bucket = await CreateUploadBucketAsync("xo-none");
        await PutTextAsync(bucket, "k", "body");

        using var plain = await Raw.SendAsync(HttpMethod.Get, RawS3Client.ObjectPath(bucket, "k"));
        using var stranger = await SendWithOriginAsync(HttpMethod.Get, RawS3Client.ObjectPath(bucket, "k"), origin: "https://evil.example.net");
        using var wrongMethod = await SendWithOriginAsync(HttpMethod.Delete, RawS3Client.ObjectPath(bucket, "k"));

        foreach (var response in new[] { plain, stranger, wrongMethod })
        {
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
            Assert.False(response.Headers.Contains("Vary"));
        }

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, wrongMethod.StatusCode);
    }

    private static void AssertCorsHeaders(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.Equal(Origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.Equal("GET, PUT, POST", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Equal("ETag", Assert.Single(response.Headers.GetValues("Access-Control-Expose-Headers")));
        Assert.Equal(CorsRequests.Vary, string.Join(", ", response.Headers.Vary));
    }

    private Task<HttpResponseMessage> SendWithOriginAsync(HttpMethod method, string pathAndQuery, byte[]? body = null, string origin = Origin) =>
        Raw.SendAsync(method, pathAndQuery, body, request => request.Headers.Add("Origin", origin));

    /// <summary>A bucket whose one rule lets the app's origin read and upload, and exposes ETag.</summary>
    private async Task<string> CreateUploadBucketAsync(string hint)
    {
        var bucket = await CreateBucketAsync(hint);
        await CorsRequests.PutRulesAsync(S3, bucket, new CORSRule
        {
            AllowedOrigins = [Origin],
            AllowedMethods = ["GET", "PUT", "POST"],
            AllowedHeaders = ["*"],
            ExposeHeaders = ["ETag"],
        });
        return bucket;
    }
}
