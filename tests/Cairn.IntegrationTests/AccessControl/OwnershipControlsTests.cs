using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Core.Identity;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>
/// Object Ownership: the OwnershipControls document, who owns what another user writes under each setting, and
/// BucketOwnerEnforced switching ACLs off (AccessControlListNotSupported, InvalidBucketAclWithObjectOwnership).
/// </summary>
public sealed class OwnershipControlsTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public OwnershipControlsTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Ownership_controls_are_not_found_until_set_and_after_deletion()
    {
        var bucket = await CreateBucketAsync("ownership");
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "OwnershipControlsNotFoundError", () =>
            S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }));

        await PutOwnershipAsync(bucket, ObjectOwnership.BucketOwnerPreferred);
        var read = await S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket });
        Assert.Equal(ObjectOwnership.BucketOwnerPreferred, Assert.Single(read.OwnershipControls.Rules).ObjectOwnership);

        await S3.DeleteBucketOwnershipControlsAsync(new DeleteBucketOwnershipControlsRequest { BucketName = bucket });
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "OwnershipControlsNotFoundError", () =>
            S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task An_unknown_ownership_value_is_MalformedXML_and_changes_nothing()
    {
        var bucket = await CreateBucketAsync("ownership-bad");
        var document = "<OwnershipControls xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ObjectOwnership>Everyone</ObjectOwnership></Rule></OwnershipControls>";

        using var response = await Raw.SendAsync(HttpMethod.Put, "/" + bucket + "?ownershipControls", Encoding.UTF8.GetBytes(document));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "OwnershipControlsNotFoundError", () =>
            S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task BucketOwnerEnforced_makes_the_bucket_owner_own_every_object_and_refuses_acls()
    {
        var (aliceUser, alice) = await TestUsers.CreateWithClientAsync(Fixture, "enforced");
        using var _ = alice;
        var bucket = UniqueBucketName("enforced");
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectOwnership = ObjectOwnership.BucketOwnerEnforced });

        // With ACLs off, only a policy lets another user write here.
        await S3.PutBucketPolicyAsync(bucket, $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"CanonicalUser":"{{aliceUser.Id}}"},
              "Action":"s3:PutObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}
            """);
        var controls = await S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket });
        Assert.Equal(ObjectOwnership.BucketOwnerEnforced, Assert.Single(controls.OwnershipControls.Rules).ObjectOwnership);

        await alice.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "plain", ContentBody = "a" });
        await alice.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "full", ContentBody = "b", CannedACL = S3CannedACL.BucketOwnerFullControl });
        foreach (var key in new[] { "plain", "full" })
        {
            var acl = await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = key });
            Assert.Equal(User.RootId, acl.Owner.Id);
            Assert.Equal(["root:FULL_CONTROL"], AclTests.Describe(acl.Grants));
        }

        var listed = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, FetchOwner = true });
        Assert.All(listed.S3Objects, o => Assert.Equal(User.RootId, o.Owner.Id));

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "AccessControlListNotSupported", () =>
            alice.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "public", ContentBody = "c", CannedACL = S3CannedACL.PublicRead }));
        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "AccessControlListNotSupported", () =>
            S3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead }));
        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "AccessControlListNotSupported", () =>
            S3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "plain", ACL = S3CannedACL.PublicRead }));
        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "AccessControlListNotSupported", () =>
            S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "mpu", CannedACL = S3CannedACL.Private }));

        Assert.Equal(["full", "plain"], await ListAllKeysAsync(bucket));
        Assert.Equal(["root:FULL_CONTROL"], AclTests.Describe((await S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket })).Grants));
    }

    [Fact]
    public async Task BucketOwnerPreferred_gives_the_bucket_owner_what_is_written_with_bucket_owner_full_control()
    {
        var (aliceUser, alice) = await TestUsers.CreateWithClientAsync(Fixture, "preferred");
        using var _ = alice;
        var bucket = await CreateBucketAsync("preferred");
        await AclTests.GrantWriteAsync(S3, bucket, aliceUser.Id);
        await PutOwnershipAsync(bucket, ObjectOwnership.BucketOwnerPreferred);

        await alice.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "handed-over", ContentBody = "a", CannedACL = S3CannedACL.BucketOwnerFullControl });
        await alice.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "kept", ContentBody = "b" });
        await alice.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "kept", DestinationBucket = bucket, DestinationKey = "copied-over", CannedACL = S3CannedACL.BucketOwnerFullControl,
        });

        Assert.Equal(User.RootId, (await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "handed-over" })).Owner.Id);
        Assert.Equal(User.RootId, (await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "copied-over" })).Owner.Id);
        Assert.Equal(aliceUser.Id, (await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "kept" })).Owner.Id);
    }

    [Fact]
    public async Task Creating_an_enforced_bucket_with_an_acl_is_refused_and_creates_nothing()
    {
        var bucket = UniqueBucketName("enforced-acl");

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidBucketAclWithObjectOwnership", () =>
            S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectOwnership = ObjectOwnership.BucketOwnerEnforced, CannedACL = S3CannedACL.PublicRead }));

        Assert.DoesNotContain(bucket, ((await S3.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName));
    }

    [Fact]
    public async Task Switching_to_enforced_is_refused_while_the_bucket_acl_grants_others()
    {
        var bucket = await CreateBucketAsync("switch");
        await S3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.PublicRead });

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidBucketAclWithObjectOwnership", () =>
            PutOwnershipAsync(bucket, ObjectOwnership.BucketOwnerEnforced));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "OwnershipControlsNotFoundError", () =>
            S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }));

        await S3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.Private });
        await PutOwnershipAsync(bucket, ObjectOwnership.BucketOwnerEnforced);
        var controls = await S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket });
        Assert.Equal(ObjectOwnership.BucketOwnerEnforced, Assert.Single(controls.OwnershipControls.Rules).ObjectOwnership);
    }

    private Task PutOwnershipAsync(string bucket, ObjectOwnership ownership) =>
        S3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
        {
            BucketName = bucket,
            OwnershipControls = new OwnershipControls { Rules = [new OwnershipControlsRule { ObjectOwnership = ownership }] },
        });
}
