using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>
/// The public access block document, and BlockPublicAcls refusing every request that would set a public ACL while
/// private writes go on.
/// </summary>
public sealed class PublicAccessBlockTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public PublicAccessBlockTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task The_configuration_is_not_found_until_set_and_after_deletion()
    {
        var bucket = await CreateBucketAsync("pab");
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchPublicAccessBlockConfiguration", () =>
            S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }));

        await S3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = true, RestrictPublicBuckets = true },
        });
        var read = (await S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket })).PublicAccessBlockConfiguration;
        Assert.Equal((true, false, false, true), (read.BlockPublicAcls, read.IgnorePublicAcls, read.BlockPublicPolicy, read.RestrictPublicBuckets));

        await S3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket });
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchPublicAccessBlockConfiguration", () =>
            S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task BlockPublicAcls_refuses_every_public_acl_and_leaves_private_writes_alone()
    {
        var bucket = await CreateBucketAsync("block-acls");
        await PutTextAsync(bucket, "source", "content");
        await S3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = true },
        });

        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied", () =>
            PutAsync(bucket, "public", [1], r => r.CannedACL = S3CannedACL.PublicRead));
        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied", () =>
            S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "mpu", CannedACL = S3CannedACL.AuthenticatedRead }));
        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied", () =>
            S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "copy", CannedACL = S3CannedACL.PublicReadWrite }));
        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied", () =>
            S3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "source", GrantRead = $"uri=\"{AclDocuments.AllUsers}\"" }));
        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied", () =>
            S3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead }));

        Assert.Equal(["source"], await ListAllKeysAsync(bucket));
        Assert.Empty((await S3.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
        Assert.Equal(["root:FULL_CONTROL"], AclTests.Describe((await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "source" })).Grants));
        Assert.Equal(["root:FULL_CONTROL"], AclTests.Describe((await S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket })).Grants));

        await PutAsync(bucket, "private", [2], r => r.CannedACL = S3CannedACL.Private);
        Assert.Equal([2], await GetBytesAsync(bucket, "private"));
    }
}

/// <summary>A server started with <c>Cairn:Security:BlockPublicAccess</c> on.</summary>
public sealed class BlockPublicAccessServerFixture : CairnServerFixture
{
    protected override void Configure(CairnOptions options) => options.Security.BlockPublicAccess = true;
}

/// <summary>The server-wide default blocks public ACLs on every bucket, including the one being created.</summary>
public sealed class ServerWidePublicAccessBlockTests : SdkTestBase, IClassFixture<BlockPublicAccessServerFixture>
{
    public ServerWidePublicAccessBlockTests(BlockPublicAccessServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Public_acls_are_refused_everywhere_while_buckets_have_no_setting_of_their_own()
    {
        var publicBucket = UniqueBucketName("server-public");
        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied", () =>
            S3.PutBucketAsync(new PutBucketRequest { BucketName = publicBucket, CannedACL = S3CannedACL.PublicRead }));
        Assert.DoesNotContain(publicBucket, ((await S3.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName));

        var bucket = await CreateBucketAsync("server-default");
        await S3Assert.ThrowsAsync(HttpStatusCode.Forbidden, "AccessDenied", () =>
            PutAsync(bucket, "public", [1], r => r.CannedACL = S3CannedACL.PublicRead));
        await PutAsync(bucket, "private", [1], r => r.CannedACL = S3CannedACL.Private);

        Assert.Equal(["private"], await ListAllKeysAsync(bucket));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchPublicAccessBlockConfiguration", () =>
            S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }));
    }
}
