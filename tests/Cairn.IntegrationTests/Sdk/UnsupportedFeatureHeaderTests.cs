using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Headers that ask for a feature Cairn does not have (encryption, customer keys, Object Lock, storage classes
/// other than STANDARD) answer 501 NotImplemented with a <c>Header</c> element naming
/// the header, and nothing is stored: a store that says it encrypted, retained or published an object and did not
/// is worse than one that refuses. Values that ask for what Cairn does anyway still work.
/// </summary>
public sealed class UnsupportedFeatureHeaderTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly byte[] CustomerKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public UnsupportedFeatureHeaderTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>SSE-C headers as the SDKs send them: algorithm, the key and its MD5, both base64.</summary>
    public static string SseCustomerHeaders =>
        "x-amz-server-side-encryption-customer-algorithm: AES256"
        + "|x-amz-server-side-encryption-customer-key: " + Convert.ToBase64String(CustomerKey)
        + "|x-amz-server-side-encryption-customer-key-MD5: " + Convert.ToBase64String(MD5.HashData(CustomerKey));

    public static TheoryData<string, string> RefusedPutHeaders => new()
    {
        { "x-amz-server-side-encryption: AES256", "x-amz-server-side-encryption" },
        { "x-amz-server-side-encryption: aws:kms|x-amz-server-side-encryption-aws-kms-key-id: arn:aws:kms:us-east-1:111122223333:key/k", "x-amz-server-side-encryption" },
        { SseCustomerHeaders, "x-amz-server-side-encryption-customer-algorithm" },
        { "x-amz-object-lock-mode: COMPLIANCE|x-amz-object-lock-retain-until-date: 2030-01-01T00:00:00Z", "x-amz-object-lock-mode" },
        { "x-amz-object-lock-legal-hold: ON", "x-amz-object-lock-legal-hold" },
        { "x-amz-storage-class: STANDARD_IA", "x-amz-storage-class" },
        { "x-amz-storage-class: GLACIER", "x-amz-storage-class" },
        { "x-amz-website-redirect-location: /elsewhere.html", "x-amz-website-redirect-location" },
    };

    [Theory]
    [MemberData(nameof(RefusedPutHeaders))]
    public async Task PutObject_WithHeaderOfMissingFeature_Is501NamingTheHeaderAndStoresNothing(string headers, string named)
    {
        var bucket = await CreateBucketAsync("refused-put");

        using var response = await Raw.SendAsync(
            HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), Encoding.UTF8.GetBytes("must not be stored"), r => AddHeaders(r, headers));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.NotImplemented, "NotImplemented");
        Assert.Equal(named, error.Element("Header")?.Value);
        Assert.False(await ExistsAsync(bucket, "k"), "the refused PutObject stored the object");
        Assert.Empty(await ListAllKeysAsync(bucket));
        Assert.Empty(DataDirectoryInspector.TempFiles(Fixture.DataDirectory));
    }

    [Fact]
    public async Task PutObject_WithCustomerKeyOverExistingObject_KeepsThePreviousObject()
    {
        // Before, the object was stored in plaintext and a GET without the key returned it.
        var bucket = await CreateBucketAsync("ssec-keep");
        await PutTextAsync(bucket, "secret.txt", "previous");

        using var response = await Raw.SendAsync(
            HttpMethod.Put, RawS3Client.ObjectPath(bucket, "secret.txt"), Encoding.UTF8.GetBytes("meant to be encrypted"),
            r => AddHeaders(r, SseCustomerHeaders));

        await S3Assert.ErrorAsync(response, HttpStatusCode.NotImplemented, "NotImplemented");
        Assert.Equal("previous", await GetTextAsync(bucket, "secret.txt"));
    }

    [Fact]
    public async Task PutObject_WithObjectLockCompliance_Is501AndNothingIsLeftToDelete()
    {
        // Before, the PUT answered 200 and a DeleteObject right after succeeded: the "retention" was never there.
        var bucket = await CreateBucketAsync("lock");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotImplemented, "NotImplemented", () => PutAsync(bucket, "locked", [1, 2, 3], r =>
        {
            r.ObjectLockMode = ObjectLockMode.Compliance;
            r.ObjectLockRetainUntilDate = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        }));

        Assert.False(await ExistsAsync(bucket, "locked"));
    }

    [Fact]
    public async Task PutObject_WithTagSet_IsStoredWithItsTags()
    {
        var bucket = await CreateBucketAsync("tagging");

        await PutAsync(bucket, "tagged", [1, 2, 3], r => r.TagSet = [new Tag { Key = "project", Value = "cairn" }]);

        var tags = await S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "tagged" });
        Assert.Equal([("project", "cairn")], tags.Tagging.Select(t => (t.Key, t.Value)));
        Assert.Equal([1, 2, 3], await GetBytesAsync(bucket, "tagged"));
    }

    [Fact]
    public async Task PutObject_PublicReadAndPrivateAcls_AreBothStored()
    {
        // s3cmd put -P sends public-read: the object is stored with the ACL it asked for.
        var bucket = await CreateBucketAsync("acl");

        await PutAsync(bucket, "public", [1, 2, 3], r => r.CannedACL = S3CannedACL.PublicRead);
        var acl = await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "public" });
        Assert.Contains(acl.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers" && g.Permission == S3Permission.READ);

        await PutAsync(bucket, "private", [4, 5, 6], r => r.CannedACL = S3CannedACL.Private);
        Assert.Equal([4, 5, 6], await GetBytesAsync(bucket, "private"));
    }

    [Fact]
    public async Task CreateBucket_WithPrivateAcl_IsCreated_PublicReadIsCreatedPublic()
    {
        // rclone sends x-amz-acl: private with every CreateBucket.
        var privateBucket = UniqueBucketName("acl-private");
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = privateBucket, CannedACL = S3CannedACL.Private });
        await S3.GetBucketLocationAsync(privateBucket);

        var publicBucket = UniqueBucketName("acl-public");
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = publicBucket, CannedACL = S3CannedACL.PublicRead });
        var acl = await S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = publicBucket });
        Assert.Contains(acl.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers" && g.Permission == S3Permission.READ);
    }

    [Fact]
    public async Task PutObject_StorageClass_StandardIsStored_OtherKnownClassesAre501_UnknownIsInvalidStorageClass()
    {
        var bucket = await CreateBucketAsync("storage-class");

        await PutAsync(bucket, "standard", [1], r => r.StorageClass = S3StorageClass.Standard);
        Assert.Equal([1], await GetBytesAsync(bucket, "standard"));

        foreach (var storageClass in new[] { S3StorageClass.StandardInfrequentAccess, S3StorageClass.Glacier, S3StorageClass.DeepArchive })
        {
            await S3Assert.ThrowsAsync(HttpStatusCode.NotImplemented, "NotImplemented", () =>
                PutAsync(bucket, "cold-" + storageClass.Value, [2], r => r.StorageClass = storageClass));
        }

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidStorageClass", () =>
            PutAsync(bucket, "unknown", [3], r => r.StorageClass = new S3StorageClass("LUKEWARM")));

        Assert.Equal(["standard"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task CreateMultipartUpload_WithEncryptionHeader_Is501AndStartsNoUpload()
    {
        var bucket = await CreateBucketAsync("refused-mpu");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotImplemented, "NotImplemented", () =>
            S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
            {
                BucketName = bucket,
                Key = "big",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
            }));

        var uploads = await S3.ListMultipartUploadsAsync(bucket);
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    [Fact]
    public async Task CopyObject_WithStorageClass_Is501AndCreatesNoCopy_WithReplacedTags_Copies()
    {
        var bucket = await CreateBucketAsync("refused-copy");
        await PutTextAsync(bucket, "source", "content");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotImplemented, "NotImplemented", () =>
            S3.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = bucket,
                SourceKey = "source",
                DestinationBucket = bucket,
                DestinationKey = "glacier-copy",
                StorageClass = S3StorageClass.Glacier,
            }));

        using var tagged = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "tagged-copy"), configure: r => AddHeaders(
            r, $"x-amz-copy-source: /{bucket}/source|x-amz-tagging-directive: REPLACE|x-amz-tagging: a=b"));
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        var tags = await S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "tagged-copy" });
        Assert.Equal([("a", "b")], tags.Tagging.Select(t => (t.Key, t.Value)));

        Assert.Equal(["source", "tagged-copy"], await ListAllKeysAsync(bucket));
    }

    private static void AddHeaders(HttpRequestMessage request, string headers)
    {
        foreach (var line in headers.Split('|'))
        {
            var colon = line.IndexOf(':');
            Assert.True(request.Headers.TryAddWithoutValidation(line[..colon].Trim(), line[(colon + 1)..].Trim()), "cannot add " + line);
        }
    }
}
