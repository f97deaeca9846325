using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// An SDK-made presigned URL that works, then stops working once the server's clock (a FakeTimeProvider)
/// passes its expiry: the expiry is judged by the server's clock, deterministically. A FakeTimeProvider
/// cannot go back in time, so this class holds a single test.
/// </summary>
public sealed class ExpiredPresignTests : SdkTestBase, IClassFixture<FakeClockServerFixture>
{
    private readonly FakeClockServerFixture _fixture;

    public ExpiredPresignTests(FakeClockServerFixture fixture)
        : base(fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task PresignedGet_AfterServerClockPassesExpiry_FailsWithAccessDenied()
    {
        // Bring the fake clock to real time first, so SDK-signed setup requests are not skewed.
        var now = DateTimeOffset.UtcNow;
        if (_fixture.Clock.GetUtcNow() < now)
        {
            _fixture.Clock.SetUtcNow(now);
        }

        var bucket = await CreateBucketAsync("fake-clock");
        await PutTextAsync(bucket, "k", "valid for five minutes");
        var url = S3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = "k",
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(5),
        });

        using (var fresh = await Raw.Http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Equal("valid for five minutes", await fresh.Content.ReadAsStringAsync());
        }

        _fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        using var expired = await Raw.Http.GetAsync(url);

        await S3Assert.ErrorAsync(expired, HttpStatusCode.Forbidden, "AccessDenied");
    }
}
