using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>The server-wide default public access block refuses public bucket policies on every bucket.</summary>
public sealed class ServerBlockPublicAccessPolicyTests : SdkTestBase, IClassFixture<BlockPublicAccessServerFixture>
{
    public ServerBlockPublicAccessPolicyTests(BlockPublicAccessServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_public_policy_is_refused_and_a_private_one_accepted()
    {
        var bucket = await CreateBucketAsync("serverblock");

        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied",
            () => S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = BucketPolicyTests.PublicRead(bucket) }));
        await BucketPolicyTests.AssertGetPolicyFailsAsync(Raw, bucket, "NoSuchBucketPolicy");

        var narrowed = BucketPolicyTests.PublicRead(bucket).Replace(
            "\"Resource\"", "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.0/8\"}},\"Resource\"", StringComparison.Ordinal);
        await S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = narrowed });
        Assert.False((await S3.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = bucket })).PolicyStatus.IsPublic);
    }
}
