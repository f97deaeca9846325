using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Core.Identity;
using Cairn.Core.Ports;
using Cairn.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.IntegrationTests.Identity;

/// <summary>
/// Users besides root, created through the identity port: their keys sign requests with the AWS SDK, what they
/// create is owned by their user id, and a key switched off or expired is refused at once.
/// </summary>
public sealed class UserKeyTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public UserKeyTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    private IIdentityStore Identities => Fixture.Host.Services.GetRequiredService<IIdentityStore>();

    [Fact]
    public async Task A_second_user_signs_with_its_own_key_and_owns_the_bucket_it_creates()
    {
        var (user, key) = await CreateUserWithKeyAsync("alice");
        using var alice = ClientFor(key);
        var bucket = UniqueBucketName("alice");

        await alice.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await alice.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "hello" });

        var stored = await Fixture.Host.Services.GetRequiredService<IBucketStore>().GetBucketAsync(bucket, CancellationToken.None);
        Assert.Equal(user.Id, stored!.Owner);
        var buckets = await alice.ListBucketsAsync();
        Assert.Equal(user.Id, buckets.Owner.Id);
        Assert.Equal(user.Name, buckets.Owner.DisplayName);
        var listed = await alice.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, FetchOwner = true });
        var owner = Assert.Single(listed.S3Objects).Owner;
        Assert.Equal(user.Id, owner.Id);
        Assert.Equal(user.Name, owner.DisplayName);
    }

    [Fact]
    public async Task Root_requests_are_owned_by_the_root_user()
    {
        var bucket = await CreateBucketAsync("root-owned");

        var buckets = await S3.ListBucketsAsync();

        Assert.Equal(User.RootId, buckets.Owner.Id);
        Assert.Equal(User.RootName, buckets.Owner.DisplayName);
        var stored = await Fixture.Host.Services.GetRequiredService<IBucketStore>().GetBucketAsync(bucket, CancellationToken.None);
        Assert.Equal(User.RootId, stored!.Owner);
    }

    [Fact]
    public async Task A_deactivated_key_is_refused_on_its_next_request()
    {
        var (_, key) = await CreateUserWithKeyAsync("bob");
        var signer = new RawS3Signer(key.AccessKeyId, key.Secret);
        using (var before = await Raw.SendAsync(HttpMethod.Get, "/", signer: signer))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.True(await Identities.UpdateAccessKeyAsync(key with { Status = IdentityStatus.Inactive }, CancellationToken.None));

        using var after = await Raw.SendAsync(HttpMethod.Get, "/", signer: signer);
        await S3Assert.ErrorAsync(after, HttpStatusCode.Forbidden, "InvalidAccessKeyId");
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        var (_, key) = await CreateUserWithKeyAsync("carol");
        Assert.True(await Identities.UpdateAccessKeyAsync(key with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, CancellationToken.None));
        using var alice = ClientFor(key);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => alice.ListBucketsAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
    }

    private async Task<(User User, AccessKey Key)> CreateUserWithKeyAsync(string name)
    {
        var created = await TestUsers.CreateAsync(Fixture.Host, name);
        return (created.User, created.Key);
    }

    private AmazonS3Client ClientFor(AccessKey key) => TestUsers.ClientFor(Fixture.Host, key);
}
