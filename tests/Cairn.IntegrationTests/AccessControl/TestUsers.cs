using Amazon.Runtime;
using Amazon.S3;
using Cairn.Core.Identity;
using Cairn.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>Users besides root for access control tests, created through the identity port, with an SDK client each.</summary>
internal static class TestUsers
{
    public static async Task<(User User, AmazonS3Client Client)> CreateAsync(CairnServerFixture fixture, string name)
    {
        var identities = fixture.Host.Services.GetRequiredService<IIdentityStore>();
        var now = DateTimeOffset.UtcNow;
        var user = new User(UserIds.New(), name + "-" + Guid.NewGuid().ToString("N")[..8], now, IdentityStatus.Active);
        Assert.True(await identities.CreateUserAsync(user, CancellationToken.None));
        var key = new AccessKey("AK" + Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(), Guid.NewGuid().ToString("N"), user.Id,
            IdentityStatus.Active, null, now);
        Assert.True(await identities.CreateAccessKeyAsync(key, CancellationToken.None));
        var client = new AmazonS3Client(new BasicAWSCredentials(key.AccessKeyId, key.Secret), new AmazonS3Config
        {
            ServiceURL = fixture.BaseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
        return (user, client);
    }
}
