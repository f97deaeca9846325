using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Core.Identity;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>
/// ACLs on the wire: canned ACLs and grant headers on every write, the AccessControlPolicy document of
/// Get/PutBucketAcl and Get/PutObjectAcl, and each bad input answered with S3's error while nothing changes.
/// </summary>
public sealed class AclTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public AclTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Canned_acls_on_PutObject_multipart_and_copy_are_what_GetObjectAcl_answers()
    {
        var bucket = await CreateBucketAsync("canned");
        await PutAsync(bucket, "public", [1], r => r.CannedACL = S3CannedACL.PublicRead);
        Assert.Equal(["root:FULL_CONTROL", "AllUsers:READ"], await ObjectGrantsAsync(bucket, "public"));

        var upload = await S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "multipart", CannedACL = S3CannedACL.AuthenticatedRead,
        });
        var part = await S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "multipart", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream([1, 2, 3]),
        });
        await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "multipart", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        Assert.Equal(["root:FULL_CONTROL", "AuthenticatedUsers:READ"], await ObjectGrantsAsync(bucket, "multipart"));

        // A copy gets the request's ACL or the default, never the source's.
        await S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "public", DestinationBucket = bucket, DestinationKey = "copy" });
        Assert.Equal(["root:FULL_CONTROL"], await ObjectGrantsAsync(bucket, "copy"));
        await S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "multipart", DestinationBucket = bucket, DestinationKey = "copy-rw", CannedACL = S3CannedACL.PublicReadWrite,
        });
        Assert.Equal(["root:FULL_CONTROL", "AllUsers:READ", "AllUsers:WRITE"], await ObjectGrantsAsync(bucket, "copy-rw"));

        var owner = (await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "public" })).Owner;
        Assert.Equal(User.RootId, owner.Id);
        Assert.Equal(User.RootName, owner.DisplayName);
    }

    [Fact]
    public async Task Grant_headers_replace_the_default_acl_and_name_users_by_their_display_name()
    {
        var (alice, aliceClient) = await TestUsers.CreateWithClientAsync(Fixture, "alice");
        using var _ = aliceClient;
        var bucket = await CreateBucketAsync("grants");

        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), [1, 2], r =>
        {
            r.Headers.Add("x-amz-grant-read", $"id=\"{alice.Id}\"");
            r.Headers.Add("x-amz-grant-write-acp", $"uri=\"{AclDocuments.AuthenticatedUsers}\"");
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var acl = await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "k" });
        Assert.Equal([$"{alice.Id}:READ", "AuthenticatedUsers:WRITE_ACP"], Describe(acl.Grants));
        Assert.Equal(alice.Name, acl.Grants!.Single(g => g.Grantee.CanonicalUser == alice.Id).Grantee.DisplayName);
    }

    [Fact]
    public async Task An_object_written_by_another_user_is_owned_by_that_user()
    {
        var (alice, aliceClient) = await TestUsers.CreateWithClientAsync(Fixture, "writer");
        using var _ = aliceClient;
        var bucket = await CreateBucketAsync("writer");
        await GrantWriteAsync(S3, bucket, alice.Id);

        await aliceClient.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x", CannedACL = S3CannedACL.BucketOwnerRead });

        var acl = await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "k" });
        Assert.Equal(alice.Id, acl.Owner.Id);
        Assert.Equal([$"{alice.Id}:FULL_CONTROL", "root:READ"], Describe(acl.Grants));
    }

    [Fact]
    public async Task Bucket_acl_round_trips_through_the_policy_document_the_canned_header_and_grant_headers()
    {
        var (alice, aliceClient) = await TestUsers.CreateWithClientAsync(Fixture, "reader");
        using var _ = aliceClient;
        var bucket = await CreateBucketAsync("bucket-acl");
        var current = await S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        Assert.Equal(["root:FULL_CONTROL"], Describe(current.Grants));

        await S3.PutBucketAclAsync(new PutBucketAclRequest
        {
            BucketName = bucket,
            AccessControlPolicy = new S3AccessControlList
            {
                Owner = current.Owner,
                Grants =
                [
                    new S3Grant { Grantee = new S3Grantee { CanonicalUser = User.RootId }, Permission = S3Permission.FULL_CONTROL },
                    new S3Grant { Grantee = new S3Grantee { CanonicalUser = alice.Id }, Permission = S3Permission.READ },
                    new S3Grant { Grantee = new S3Grantee { URI = AclDocuments.AllUsers }, Permission = S3Permission.READ_ACP },
                ],
            },
        });
        var read = await S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket });
        Assert.Equal(["root:FULL_CONTROL", $"{alice.Id}:READ", "AllUsers:READ_ACP"], Describe(read.Grants));
        Assert.Equal(User.RootId, read.Owner.Id);

        await S3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, ACL = S3CannedACL.Private });
        Assert.Equal(["root:FULL_CONTROL"], Describe((await S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket })).Grants));

        await S3.PutBucketAclAsync(new PutBucketAclRequest { BucketName = bucket, GrantWrite = $"id=\"{alice.Id}\"" });
        Assert.Equal([$"{alice.Id}:WRITE"], Describe((await S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket })).Grants));
    }

    [Fact]
    public async Task Object_acl_round_trips_through_the_policy_document_and_keeps_content_and_owner()
    {
        var bucket = await CreateBucketAsync("object-acl");
        await PutTextAsync(bucket, "k", "content");

        using (var put = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k") + "?acl",
                   AclDocuments.Policy(User.RootId, AclDocuments.User(User.RootId, "FULL_CONTROL"), AclDocuments.Group(AclDocuments.AllUsers, "READ"))))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.Equal(["root:FULL_CONTROL", "AllUsers:READ"], await ObjectGrantsAsync(bucket, "k"));
        Assert.Equal("content", await GetTextAsync(bucket, "k"));

        await S3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "k", ACL = S3CannedACL.AuthenticatedRead });
        Assert.Equal(["root:FULL_CONTROL", "AuthenticatedUsers:READ"], await ObjectGrantsAsync(bucket, "k"));

        using var raw = await Raw.SendAsync(HttpMethod.Get, RawS3Client.ObjectPath(bucket, "k") + "?acl");
        var text = await raw.Content.ReadAsStringAsync();
        Assert.Contains("<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">", text, StringComparison.Ordinal);
        Assert.Contains("xsi:type=\"Group\"", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadPolicies => new()
    {
        { "<AccessControlPolicy><AccessControlList>", "BadRequest", "MalformedACLError" },
        { "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>root</ID></Owner></AccessControlPolicy>", "BadRequest", "MalformedACLError" },
        { Encoding.UTF8.GetString(AclDocuments.Policy(User.RootId, AclDocuments.User(User.RootId, "EVERYTHING"))), "BadRequest", "MalformedACLError" },
        { Encoding.UTF8.GetString(AclDocuments.Policy(User.RootId, AclDocuments.Grant("Robot", "<ID>r2</ID>", "READ"))), "BadRequest", "MalformedACLError" },
        { Encoding.UTF8.GetString(AclDocuments.Policy(User.RootId, AclDocuments.User("0123456789abcdef0123456789abcdef", "READ"))), "BadRequest", "InvalidArgument" },
        { Encoding.UTF8.GetString(AclDocuments.Policy(User.RootId, AclDocuments.Grant("AmazonCustomerByEmail", "<EmailAddress>a@example.com</EmailAddress>", "READ"))), "BadRequest", "UnresolvableGrantByEmailAddress" },
        { Encoding.UTF8.GetString(AclDocuments.Policy(User.RootId, AclDocuments.Group("http://acs.amazonaws.com/groups/global/Everybody", "READ"))), "BadRequest", "InvalidArgument" },
        { Encoding.UTF8.GetString(AclDocuments.Policy("0123456789abcdef0123456789abcdef", AclDocuments.Group(AclDocuments.AllUsers, "READ"))), "Forbidden", "AccessDenied" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task A_bad_policy_document_is_refused_and_changes_nothing(string document, string status, string code)
    {
        var bucket = await CreateBucketAsync("bad-acl");
        await PutTextAsync(bucket, "k", "content");

        foreach (var path in new[] { "/" + bucket + "?acl", RawS3Client.ObjectPath(bucket, "k") + "?acl" })
        {
            using var response = await Raw.SendAsync(HttpMethod.Put, path, Encoding.UTF8.GetBytes(document));
            await S3Assert.ErrorAsync(response, Enum.Parse<HttpStatusCode>(status), code);
        }

        Assert.Equal(["root:FULL_CONTROL"], Describe((await S3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket })).Grants));
        Assert.Equal(["root:FULL_CONTROL"], await ObjectGrantsAsync(bucket, "k"));
    }

    public static TheoryData<string, string> BadAclHeaders => new()
    {
        { "x-amz-acl: everyone-may-write", "InvalidArgument" },
        { "x-amz-acl: public-read|x-amz-grant-read: uri=\"" + AclDocuments.AllUsers + "\"", "InvalidRequest" },
        { "x-amz-grant-read: id=\"0123456789abcdef0123456789abcdef\"", "InvalidArgument" },
        { "x-amz-grant-read: emailAddress=\"someone@example.com\"", "UnresolvableGrantByEmailAddress" },
        { "x-amz-grant-full-control: uri=\"http://acs.amazonaws.com/groups/global/Everybody\"", "InvalidArgument" },
        { "x-amz-grant-write: nickname=\"bob\"", "InvalidArgument" },
    };

    [Theory]
    [MemberData(nameof(BadAclHeaders))]
    public async Task Bad_acl_headers_are_refused_on_every_write_and_store_nothing(string headers, string code)
    {
        var bucket = await CreateBucketAsync("bad-headers");
        await PutTextAsync(bucket, "source", "content");

        using (var put = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "put"), [1], r => AddHeaders(r, headers)))
        {
            await S3Assert.ErrorAsync(put, HttpStatusCode.BadRequest, code);
        }

        using (var copy = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "copy"), configure: r =>
                   AddHeaders(r, headers + $"|x-amz-copy-source: /{bucket}/source")))
        {
            await S3Assert.ErrorAsync(copy, HttpStatusCode.BadRequest, code);
        }

        using (var initiate = await Raw.SendAsync(HttpMethod.Post, RawS3Client.ObjectPath(bucket, "mpu") + "?uploads", configure: r => AddHeaders(r, headers)))
        {
            await S3Assert.ErrorAsync(initiate, HttpStatusCode.BadRequest, code);
        }

        using (var putAcl = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "source") + "?acl", configure: r => AddHeaders(r, headers)))
        {
            await S3Assert.ErrorAsync(putAcl, HttpStatusCode.BadRequest, code);
        }

        var newBucket = UniqueBucketName("bad-create");
        using (var create = await Raw.SendAsync(HttpMethod.Put, "/" + newBucket, configure: r => AddHeaders(r, headers)))
        {
            await S3Assert.ErrorAsync(create, HttpStatusCode.BadRequest, code);
        }

        Assert.Equal(["source"], await ListAllKeysAsync(bucket));
        Assert.Empty((await S3.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
        Assert.Equal(["root:FULL_CONTROL"], await ObjectGrantsAsync(bucket, "source"));
        Assert.DoesNotContain(newBucket, ((await S3.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName));
    }

    [Fact]
    public async Task Acl_of_a_missing_object_is_NoSuchKey()
    {
        var bucket = await CreateBucketAsync("missing");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "absent" }));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            S3.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = "absent", ACL = S3CannedACL.PublicRead }));
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    /// <summary>Root's bucket ACL: root full control, and WRITE for <paramref name="userId"/> (who may then write in it).</summary>
    internal static Task GrantWriteAsync(AmazonS3Client root, string bucket, string userId) =>
        root.PutBucketAclAsync(new PutBucketAclRequest
        {
            BucketName = bucket,
            AccessControlPolicy = new S3AccessControlList
            {
                Owner = new Owner { Id = User.RootId },
                Grants =
                [
                    new S3Grant { Grantee = new S3Grantee { CanonicalUser = User.RootId }, Permission = S3Permission.FULL_CONTROL },
                    new S3Grant { Grantee = new S3Grantee { CanonicalUser = userId }, Permission = S3Permission.WRITE },
                ],
            },
        });

    internal static List<string> Describe(IEnumerable<S3Grant>? grants) =>
        (grants ?? []).Select(g => (g.Grantee.URI is { Length: > 0 } uri ? uri[(uri.LastIndexOf('/') + 1)..] : g.Grantee.CanonicalUser) + ":" + g.Permission.Value).ToList();

    private async Task<List<string>> ObjectGrantsAsync(string bucket, string key) =>
        Describe((await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = key })).Grants);

    internal static void AddHeaders(HttpRequestMessage request, string headers)
    {
        foreach (var line in headers.Split('|'))
        {
            var colon = line.IndexOf(':');
            Assert.True(request.Headers.TryAddWithoutValidation(line[..colon].Trim(), line[(colon + 1)..].Trim()), "cannot add " + line);
        }
    }
}
