using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>
/// The drop-box pattern: a user whose only policy allows <c>s3:PutObject</c> on
/// <c>arn:aws:s3:::inbox/uploads/${aws:username}/*</c> uploads a multipart object there and is refused everywhere
/// else. In an inbox created with BucketOwnerEnforced the inbox's owner reads the upload back; with ObjectWriter
/// ownership the upload stays the uploader's and the inbox's owner is refused, as in S3.
/// </summary>
public sealed class UploadOnlyPrefixTests : IClassFixture<CairnServerFixture>
{
    private const int PartSize = 5 * 1024 * 1024;

    private readonly CairnServerFixture _fixture;

    public UploadOnlyPrefixTests(CairnServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task An_uploader_writes_only_under_its_own_prefix_and_the_enforced_inbox_owner_reads_it_back()
    {
        var (inbox, owner, uploader, client) = await SetUpAsync(ObjectOwnership.BucketOwnerEnforced);
        var key = $"uploads/{uploader.Name}/video.bin";

        var body = await UploadInTwoPartsAsync(client, inbox, key);

        using (var got = await owner.GetObjectAsync(inbox, key))
        using (var copy = new MemoryStream())
        {
            await got.ResponseStream.CopyToAsync(copy);
            Assert.Equal(body, copy.ToArray());
        }

        var acl = await owner.GetObjectAclAsync(new GetObjectAclRequest { BucketName = inbox, Key = key });
        Assert.NotEqual(uploader.Id, acl.Owner.Id);

        // Everything else is refused: reading its own upload back, listing, another user's prefix, the inbox root,
        // deleting, another bucket.
        await AssertDeniedAsync(() => client.GetObjectAsync(inbox, key));
        await AssertDeniedAsync(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = inbox }));
        await AssertDeniedAsync(() => client.PutObjectAsync(new PutObjectRequest { BucketName = inbox, Key = "uploads/someone-else/x", ContentBody = "x" }));
        await AssertDeniedAsync(() => client.InitiateMultipartUploadAsync(inbox, "uploads/someone-else/big"));
        await AssertDeniedAsync(() => client.PutObjectAsync(new PutObjectRequest { BucketName = inbox, Key = "top-level", ContentBody = "x" }));
        await AssertDeniedAsync(() => client.DeleteObjectAsync(inbox, key));
        var elsewhere = await CreateOwnedBucketAsync(owner, ObjectOwnership.BucketOwnerEnforced);
        await AssertDeniedAsync(() => client.PutObjectAsync(new PutObjectRequest { BucketName = elsewhere, Key = $"uploads/{uploader.Name}/x", ContentBody = "x" }));
    }

    [Fact]
    public async Task With_object_writer_ownership_the_upload_stays_the_uploaders_and_the_inbox_owner_cannot_read_it()
    {
        var (inbox, owner, uploader, client) = await SetUpAsync(ObjectOwnership.ObjectWriter);
        var key = $"uploads/{uploader.Name}/report.bin";

        await UploadInTwoPartsAsync(client, inbox, key);

        var listed = await owner.ListObjectsV2Async(new ListObjectsV2Request { BucketName = inbox, FetchOwner = true });
        Assert.Equal(uploader.Id, Assert.Single(listed.S3Objects).Owner.Id);
        await AssertDeniedAsync(() => owner.GetObjectAsync(inbox, key));
    }

    private async Task<(string Inbox, AmazonS3Client Owner, TestUser Uploader, AmazonS3Client Client)> SetUpAsync(ObjectOwnership ownership)
    {
        var host = _fixture.Host;
        var owner = (await TestUsers.CreateAsync(host, "inbox-owner")).Client(host);
        var inbox = await CreateOwnedBucketAsync(owner, ownership);
        var uploader = await TestUsers.CreateAsync(host, "uploader");
        await TestUsers.PutPolicyAsync(host, uploader, "inbox-uploads", $$"""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Action": "s3:PutObject",
                "Resource": "arn:aws:s3:::{{inbox}}/uploads/${aws:username}/*"
              }]
            }
            """);
        return (inbox, owner, uploader, uploader.Client(host));
    }

    private static async Task<string> CreateOwnedBucketAsync(AmazonS3Client owner, ObjectOwnership ownership)
    {
        var bucket = $"inbox-{Guid.NewGuid():N}"[..30];
        await owner.PutBucketAsync(new PutBucketRequest { BucketName = bucket, ObjectOwnership = ownership });
        return bucket;
    }

    private static async Task<byte[]> UploadInTwoPartsAsync(AmazonS3Client client, string bucket, string key)
    {
        var body = new byte[PartSize + 1234];
        Random.Shared.NextBytes(body);
        var upload = await client.InitiateMultipartUploadAsync(bucket, key);
        var etags = new List<PartETag>();
        for (var part = 1; part <= 2; part++)
        {
            var offset = (part - 1) * PartSize;
            var response = await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = part,
                InputStream = new MemoryStream(body, offset, Math.Min(PartSize, body.Length - offset)),
            });
            etags.Add(new PartETag(part, response.ETag));
        }

        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = etags,
        });
        return body;
    }

    private static async Task AssertDeniedAsync(Func<Task> request)
    {
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(request);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("AccessDenied", error.ErrorCode);
    }
}
