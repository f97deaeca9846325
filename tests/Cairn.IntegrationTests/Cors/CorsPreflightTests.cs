using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Cors;

/// <summary>
/// Browser preflights (<c>OPTIONS</c>, no credentials) answered from the bucket's CORS rules, over a raw connection:
/// the first matching rule's headers, or S3's refusals.
/// </summary>
public sealed class CorsPreflightTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public CorsPreflightTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_matching_preflight_gets_the_rules_answer()
    {
        var bucket = await CreateRulesAsync("preflight-match");

        var response = await PreflightAsync($"/{bucket}/photos/cat.jpg", "https://app.example.com", "PUT", "content-type,X-Amz-Date");

        Assert.Equal(200, response.Status);
        Assert.Equal("https://app.example.com", response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("PUT, POST, DELETE", response.Header("Access-Control-Allow-Methods"));
        Assert.Equal("content-type, x-amz-date", response.Header("Access-Control-Allow-Headers"));
        Assert.Equal("ETag, x-amz-request-id", response.Header("Access-Control-Expose-Headers"));
        Assert.Equal("3000", response.Header("Access-Control-Max-Age"));
        Assert.Equal("true", response.Header("Access-Control-Allow-Credentials"));
        Assert.Equal(CorsRequests.Vary, response.Header("Vary"));
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task A_rule_for_every_origin_answers_the_wildcard_without_credentials()
    {
        var bucket = await CreateRulesAsync("preflight-any");

        var response = await PreflightAsync($"/{bucket}", "http://anywhere.example", "GET");

        Assert.Equal(200, response.Status);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET, HEAD", response.Header("Access-Control-Allow-Methods"));
        Assert.Null(response.Header("Access-Control-Allow-Credentials"));
        Assert.Null(response.Header("Access-Control-Allow-Headers"));
        Assert.Null(response.Header("Access-Control-Max-Age"));
    }

    [Fact]
    public async Task A_wildcard_origin_pattern_matches_subdomains()
    {
        var bucket = await CreateRulesAsync("preflight-sub");

        var response = await PreflightAsync($"/{bucket}/k", "http://tenant.example.org", "DELETE");

        Assert.Equal(200, response.Status);
        Assert.Equal("http://tenant.example.org", response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("DELETE", response.Header("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData("http://app.example.com", "PUT", null)] // scheme differs
    [InlineData("https://app.example.com", "PUT", "x-requested-with")] // header not allowed
    [InlineData("http://anywhere.example", "PUT", null)] // the open rule allows GET and HEAD only
    [InlineData("http://tenant.example.org", "DELETE", "content-type")] // that rule allows no header
    public async Task A_preflight_no_rule_matches_is_refused_without_cors_headers(string origin, string method, string? headers)
    {
        var bucket = await CreateRulesAsync("preflight-refused");

        var response = await PreflightAsync($"/{bucket}/k", origin, method, headers);

        Assert.Equal(403, response.Status);
        Assert.Contains("<Code>AccessForbidden</Code>", response.BodyText, StringComparison.Ordinal);
        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Vary"));
    }

    [Fact]
    public async Task A_bucket_without_rules_refuses_every_preflight()
    {
        var bucket = await CreateBucketAsync("preflight-none");

        var response = await PreflightAsync($"/{bucket}/k", "https://app.example.com", "GET");

        Assert.Equal(403, response.Status);
        Assert.Contains("<Code>AccessForbidden</Code>", response.BodyText, StringComparison.Ordinal);
        Assert.Contains("CORS is not enabled for this bucket", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bucket_refuses_the_preflight_as_S3_does()
    {
        var response = await PreflightAsync($"/{UniqueBucketName("preflight-missing")}/k", "https://app.example.com", "GET");

        Assert.Equal(403, response.Status);
        Assert.Contains("<Code>AccessForbidden</Code>", response.BodyText, StringComparison.Ordinal);
        Assert.Contains("Bucket not found", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_without_origin_or_method_is_a_bad_request()
    {
        var bucket = await CreateRulesAsync("preflight-bad");

        var noOrigin = await CorsRequests.SendAsync(Fixture.BaseAddress, "OPTIONS", $"/{bucket}/k", headers: ("Access-Control-Request-Method", "GET"));
        var noMethod = await CorsRequests.SendAsync(Fixture.BaseAddress, "OPTIONS", $"/{bucket}/k", headers: ("Origin", "https://app.example.com"));
        var badMethod = await PreflightAsync($"/{bucket}/k", "https://app.example.com", "PATCH");

        Assert.Equal(400, noOrigin.Status);
        Assert.Contains("<Code>BadRequest</Code>", noOrigin.BodyText, StringComparison.Ordinal);
        Assert.Contains("Origin request header needed", noOrigin.BodyText, StringComparison.Ordinal);
        Assert.Equal(400, noMethod.Status);
        Assert.Contains("Invalid Access-Control-Request-Method: null", noMethod.BodyText, StringComparison.Ordinal);
        Assert.Equal(400, badMethod.Status);
        Assert.Contains("Invalid Access-Control-Request-Method: PATCH", badMethod.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_on_a_presigned_url_is_answered_without_checking_its_signature()
    {
        var bucket = await CreateRulesAsync("preflight-presign");
        var url = new Uri(S3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = "upload.bin", Verb = Amazon.S3.HttpVerb.PUT, Expires = DateTime.UtcNow.AddMinutes(-5),
        }));

        var response = await PreflightAsync(url.PathAndQuery, "https://app.example.com", "PUT", "content-type");

        Assert.Equal(200, response.Status);
        Assert.Equal("https://app.example.com", response.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_new_configuration_is_in_force_at_once()
    {
        var bucket = await CreateRulesAsync("preflight-change");
        Assert.Equal(200, (await PreflightAsync($"/{bucket}/k", "http://anywhere.example", "GET")).Status);

        await S3.DeleteCORSConfigurationAsync(bucket);

        Assert.Equal(403, (await PreflightAsync($"/{bucket}/k", "http://anywhere.example", "GET")).Status);
    }

    private Task<RawHttpResponse> PreflightAsync(string target, string origin, string method, string? requestHeaders = null)
    {
        (string, string)[] headers = requestHeaders is null
            ? [("Origin", origin), ("Access-Control-Request-Method", method)]
            : [("Origin", origin), ("Access-Control-Request-Method", method), ("Access-Control-Request-Headers", requestHeaders)];
        return CorsRequests.SendAsync(Fixture.BaseAddress, "OPTIONS", target, headers: headers);
    }

    /// <summary>A bucket whose rules are: uploads from one origin, deletes from a wildcard origin, reads from anywhere.</summary>
    private async Task<string> CreateRulesAsync(string hint)
    {
        var bucket = await CreateBucketAsync(hint);
        await CorsRequests.PutRulesAsync(S3, bucket,
            new CORSRule
            {
                AllowedOrigins = ["https://app.example.com"],
                AllowedMethods = ["PUT", "POST", "DELETE"],
                AllowedHeaders = ["Content-Type", "x-amz-*"],
                ExposeHeaders = ["ETag", "x-amz-request-id"],
                MaxAgeSeconds = 3000,
            },
            new CORSRule { AllowedOrigins = ["http://*.example.org"], AllowedMethods = ["DELETE"] },
            new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["GET", "HEAD"] });
        return bucket;
    }
}
