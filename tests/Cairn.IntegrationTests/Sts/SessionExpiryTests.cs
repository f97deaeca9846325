using System.Net;
using Amazon.S3;
using Amazon.SecurityToken.Model;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Sts.StsTestSupport;

namespace Cairn.IntegrationTests.Sts;

/// <summary>
/// Temporary credentials expire by the server's clock (a FakeTimeProvider here): the Expiration STS answers is the
/// server's issue time plus the duration, and a request after it is ExpiredToken. A FakeTimeProvider cannot go back
/// in time, so this class holds a single test.
/// </summary>
public sealed class SessionExpiryTests(FakeClockServerFixture fixture) : IClassFixture<FakeClockServerFixture>
{
    [Fact]
    public async Task AssumeRole_credentials_expire_by_the_servers_clock()
    {
        // Bring the fake clock to real time first, so SDK-signed requests are not skewed.
        var now = DateTimeOffset.UtcNow;
        if (fixture.Clock.GetUtcNow() < now)
        {
            fixture.Clock.SetUtcNow(now);
        }

        var roleArn = await CreateRoleAsync(fixture, UniqueName("brief"), Trust($"arn:aws:iam::{Account}:root"));
        var issuedAt = fixture.Clock.GetUtcNow();
        var session = (await Root(fixture.Host).AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn, RoleSessionName = "brief", DurationSeconds = 900,
        })).Credentials;

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds()).AddSeconds(900).UtcDateTime,
            session.Expiration!.Value.ToUniversalTime());
        using var s3 = S3(fixture.Host, session);
        await s3.ListBucketsAsync();

        fixture.Clock.Advance(TimeSpan.FromSeconds(901));

        var expired = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync());
        Assert.Equal("ExpiredToken", expired.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
    }
}
