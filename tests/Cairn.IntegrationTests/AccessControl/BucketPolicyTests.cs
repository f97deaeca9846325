using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Core.Authorization.Acl;
using Cairn.Core.Buckets;
using Cairn.Core.Identity;
using Cairn.Core.Ports;
using Cairn.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>Get/Put/DeleteBucketPolicy and GetBucketPolicyStatus through AWSSDK.S3; every refusal changes nothing.</summary>
public sealed class BucketPolicyTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public BucketPolicyTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    internal static string PublicRead(string bucket) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::{{bucket}}/*"}
          ]
        }
        """;

    private static string ForRoot(string bucket) => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"CanonicalUser":"root"},
          "Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}]}
        """;

    [Fact]
    public async Task A_put_policy_is_returned_unchanged_and_deleted()
    {
        var bucket = await CreateBucketAsync("policy");
        var policy = PublicRead(bucket);

        var put = await S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy });
        var got = await S3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket });

        Assert.Equal(HttpStatusCode.NoContent, put.HttpStatusCode);
        Assert.Equal(policy, got.Policy);

        var deleted = await S3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket });
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        await AssertGetPolicyFailsAsync(Raw, bucket, "NoSuchBucketPolicy");
    }

    [Fact]
    public async Task Without_a_policy_get_and_status_answer_NoSuchBucketPolicy_and_delete_succeeds()
    {
        var bucket = await CreateBucketAsync("nopolicy");

        await AssertGetPolicyFailsAsync(Raw, bucket, "NoSuchBucketPolicy");
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchBucketPolicy",
            () => S3.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = bucket }));
        var deleted = await S3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket });
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
    }

    [Fact]
    public async Task Policy_operations_on_a_missing_bucket_answer_NoSuchBucket()
    {
        var bucket = UniqueBucketName("missing");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchBucket",
            () => S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = PublicRead(bucket) }));
        await AssertGetPolicyFailsAsync(Raw, bucket, "NoSuchBucket");
    }

    [Fact]
    public async Task Policy_status_says_whether_the_policy_is_public()
    {
        var bucket = await CreateBucketAsync("status");

        await S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = PublicRead(bucket) });
        var publicStatus = await S3.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = bucket });
        await S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = ForRoot(bucket) });
        var privateStatus = await S3.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = bucket });

        Assert.True(publicStatus.PolicyStatus.IsPublic);
        Assert.False(privateStatus.PolicyStatus.IsPublic);
    }

    [Fact]
    public async Task A_principal_naming_an_existing_user_or_the_account_is_accepted()
    {
        var bucket = await CreateBucketAsync("principal");
        var user = new User(UserIds.New(), "policy-reader-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow, IdentityStatus.Active);
        Assert.True(await Fixture.Host.Services.GetRequiredService<IIdentityStore>().CreateUserAsync(user, CancellationToken.None));
        var policy = $$"""
            {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root","CanonicalUser":"{{user.Id}}"},
              "Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}
            """;

        await S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy });

        Assert.Equal(policy, (await S3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy);
    }

    public static TheoryData<string, string> MalformedPolicies => new()
    {
        { "oversized", "exceeds the maximum allowed document size" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*","Condition":{"StringFancy":{"aws:SourceIp":"x"}}}]}""", "Invalid Condition operator \"StringFancy\"" },
        { """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}""", "Invalid principal in policy" },
        { """{"Statement":[{"Effect":"Allow","Principal":{"CanonicalUser":"0123456789abcdef0123456789abcdef"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}""", "Invalid principal in policy" },
        { """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}""", "Invalid principal in policy" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::another-bucket/*"}]}""", "Policy has invalid resource" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""", "Policy has invalid resource" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKETX/*"}]}""", "Policy has invalid resource" },
        { """{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","NotResource":"arn:aws:s3:::other-bucket/*"}]}""", "Policy has invalid resource" },
        { """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}]}""", "Missing required field Principal" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:s3:::BUCKET/*"}]}""", "Policy has invalid action" },
        { "{not json", "valid JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedPolicies))]
    public async Task A_malformed_policy_is_refused_with_MalformedPolicy_and_changes_nothing(string policy, string message)
    {
        var bucket = await CreateBucketAsync("malformed");
        var before = ForRoot(bucket);
        await S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = before });
        var text = policy == "oversized" ? Oversized(bucket) : policy.Replace("BUCKET", bucket, StringComparison.Ordinal);

        var e = await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "MalformedPolicy",
            () => S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = text }));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await S3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy);
    }

    [Fact]
    public async Task A_public_policy_is_refused_when_the_bucket_blocks_public_policies()
    {
        var bucket = await CreateBucketAsync("blocked");
        var settings = Fixture.Host.Services.GetRequiredService<BucketSettingsService>();
        await settings.SetAsync(bucket, BucketSettingNames.PublicAccessBlock,
            BucketSettingsCodec.WritePublicAccessBlock(PublicAccessBlock.None with { BlockPublicPolicy = true }), CancellationToken.None);

        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied",
            () => S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = PublicRead(bucket) }));

        await AssertGetPolicyFailsAsync(Raw, bucket, "NoSuchBucketPolicy");
        await S3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = ForRoot(bucket) });
    }

    /// <summary>
    /// GetBucketPolicy's error, read raw: AWSSDK.S3 hands a GetBucketPolicy error body back as the policy text
    /// instead of throwing.
    /// </summary>
    internal static async Task AssertGetPolicyFailsAsync(RawS3Client raw, string bucket, string code)
    {
        using var response = await raw.SendAsync(HttpMethod.Get, "/" + bucket + "?policy");
        await S3Assert.ErrorAsync(response, HttpStatusCode.NotFound, code);
    }

    /// <summary>A valid public-read policy padded with spaces to one byte over 20 KB.</summary>
    internal static string Oversized(string bucket)
    {
        var policy = PublicRead(bucket);
        return policy + new string(' ', 20 * 1024 + 1 - policy.Length);
    }
}
