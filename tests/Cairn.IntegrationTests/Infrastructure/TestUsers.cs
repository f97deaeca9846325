using Amazon.Runtime;
using Amazon.S3;
using Cairn.Core.Identity;
using Cairn.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>A user created through the identity port of a running server, with one active key and an SDK client for it.</summary>
public sealed record TestUser(User User, AccessKey Key)
{
    public string Id => User.Id;

    public string Name => User.Name;

    /// <summary>An AWSSDK.S3 client signing with this user's key.</summary>
    public AmazonS3Client Client(CairnHost host) => TestUsers.ClientFor(host, Key);
}

/// <summary>Creates users with keys on a running server, and clients for them (signed or anonymous).</summary>
public static class TestUsers
{
    /// <summary>A new active user named <paramref name="hint"/> plus random hex, with one active key.</summary>
    public static async Task<TestUser> CreateAsync(CairnHost host, string hint)
    {
        var identities = host.Services.GetRequiredService<IIdentityStore>();
        var now = DateTimeOffset.UtcNow;
        var user = new User(UserIds.New(), hint + "-" + Guid.NewGuid().ToString("N")[..8], now, IdentityStatus.Active);
        if (!await identities.CreateUserAsync(user, CancellationToken.None))
        {
            throw new InvalidOperationException($"user {user.Name} was not created");
        }

        var key = new AccessKey("AK" + Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(), Guid.NewGuid().ToString("N"), user.Id,
            IdentityStatus.Active, null, now);
        if (!await identities.CreateAccessKeyAsync(key, CancellationToken.None))
        {
            throw new InvalidOperationException($"the key of {user.Name} was not created");
        }

        return new TestUser(user, key);
    }

    /// <summary>A new user (as <see cref="CreateAsync"/>) and an SDK client signing with its key.</summary>
    public static async Task<(User User, AmazonS3Client Client)> CreateWithClientAsync(CairnServerFixture fixture, string hint)
    {
        var user = await CreateAsync(fixture.Host, hint);
        return (user.User, user.Client(fixture.Host));
    }

    /// <summary>Attaches an inline policy to a user.</summary>
    public static async Task PutPolicyAsync(CairnHost host, TestUser user, string name, string document)
    {
        var identities = host.Services.GetRequiredService<IIdentityStore>();
        if (!await identities.PutUserPolicyAsync(new UserPolicy(user.Id, name, document), CancellationToken.None))
        {
            throw new InvalidOperationException($"the policy {name} of {user.Name} was not stored");
        }
    }

    /// <summary>An AWSSDK.S3 client signing with <paramref name="key"/>.</summary>
    public static AmazonS3Client ClientFor(CairnHost host, AccessKey key) =>
        Client(host, new BasicAWSCredentials(key.AccessKeyId, key.Secret));

    /// <summary>A client that signs nothing: S3's anonymous requests.</summary>
    public static AmazonS3Client Anonymous(CairnHost host) => Client(host, new AnonymousAWSCredentials());

    internal static AmazonS3Client Client(CairnHost host, AWSCredentials credentials) =>
        new(credentials, new AmazonS3Config
        {
            ServiceURL = host.BaseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
}
