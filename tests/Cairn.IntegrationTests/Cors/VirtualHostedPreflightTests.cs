using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Cors;

/// <summary>A preflight addressed to <c>bucket.s3.cairn.test</c> is answered from that bucket's rules.</summary>
public sealed class VirtualHostedPreflightTests : SdkTestBase, IClassFixture<VirtualHostServerFixture>
{
    public VirtualHostedPreflightTests(VirtualHostServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_virtual_hosted_preflight_reads_the_bucket_from_the_host()
    {
        var bucket = await CreateBucketAsync("vhost-cors");
        await CorsRequests.PutRulesAsync(S3, bucket, new CORSRule { AllowedOrigins = ["https://app.example.com"], AllowedMethods = ["PUT"] });
        var host = $"{bucket}.{VirtualHostServerFixture.Domain}:{Fixture.BaseAddress.Port}";

        var allowed = await CorsRequests.SendAsync(Fixture.BaseAddress, "OPTIONS", "/photos/cat.jpg", host,
            ("Origin", "https://app.example.com"), ("Access-Control-Request-Method", "PUT"));
        var refused = await CorsRequests.SendAsync(Fixture.BaseAddress, "OPTIONS", "/photos/cat.jpg", host,
            ("Origin", "https://app.example.com"), ("Access-Control-Request-Method", "GET"));

        Assert.Equal(200, allowed.Status);
        Assert.Equal("https://app.example.com", allowed.Header("Access-Control-Allow-Origin"));
        Assert.Equal(403, refused.Status);
    }
}
