using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Iam;

/// <summary>
/// Every admin API action against a real server, its happy path and its errors, in IAM's response shapes: users,
/// access keys (whose keys then sign S3 requests), inline policies, and who may call at all.
/// </summary>
public sealed class IamActionTests(CairnServerFixture fixture) : IClassFixture<CairnServerFixture>
{
    private const string ReadOnlyPolicy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}
        """;

    private RawIamClient Root() => new(fixture.BaseAddress, fixture.AccessKey, fixture.SecretKey);

    private static string UniqueName(string stem) => stem + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task CreateUser_answers_the_user_as_IAM_shapes_it_and_GetUser_finds_it()
    {
        using var root = Root();
        var name = UniqueName("alice");

        var created = await root.CallAsync("CreateUser", ("UserName", name));

        var user = created.Result("CreateUser").Element(RawIamClient.Ns + "User")!;
        Assert.Equal("/", user.Element(RawIamClient.Ns + "Path")?.Value);
        Assert.Equal(name, user.Element(RawIamClient.Ns + "UserName")?.Value);
        Assert.Equal($"arn:aws:iam::000000000000:user/{name}", user.Element(RawIamClient.Ns + "Arn")?.Value);
        Assert.Matches("^[0-9a-f]{64}$", user.Element(RawIamClient.Ns + "UserId")?.Value);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", user.Element(RawIamClient.Ns + "CreateDate")?.Value);
        Assert.Equal(created.RequestIdHeader, created.Text("RequestId"));

        var got = await root.CallAsync("GetUser", ("UserName", name));
        Assert.Equal(user.Element(RawIamClient.Ns + "UserId")?.Value, got.Result("GetUser").Descendants(RawIamClient.Ns + "UserId").Single().Value);
    }

    [Fact]
    public async Task CreateUser_of_a_taken_name_is_EntityAlreadyExists()
    {
        using var root = Root();
        var name = UniqueName("twice");
        (await root.CallAsync("CreateUser", ("UserName", name))).Result("CreateUser");

        (await root.CallAsync("CreateUser", ("UserName", name))).AssertError(HttpStatusCode.Conflict, "EntityAlreadyExists");
    }

    [Fact]
    public async Task GetUser_without_a_name_is_the_caller_and_an_unknown_name_is_NoSuchEntity()
    {
        using var root = Root();

        Assert.Equal("root", (await root.CallAsync("GetUser")).Result("GetUser").Descendants(RawIamClient.Ns + "UserName").Single().Value);
        (await root.CallAsync("GetUser", ("UserName", "nobody-" + Guid.NewGuid().ToString("N")[..6]))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task ListUsers_pages_with_MaxItems_and_Marker()
    {
        using var root = Root();
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..6];
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            (await root.CallAsync("CreateUser", ("UserName", $"{prefix}-{suffix}"))).Result("CreateUser");
        }

        var names = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var answer = marker is null
                ? await root.CallAsync("ListUsers", ("MaxItems", "2"))
                : await root.CallAsync("ListUsers", ("MaxItems", "2"), ("Marker", marker));
            var result = answer.Result("ListUsers");
            var members = result.Element(RawIamClient.Ns + "Users")!.Elements(RawIamClient.Ns + "member").ToList();
            Assert.InRange(members.Count, 0, 2);
            names.AddRange(members.Select(m => m.Element(RawIamClient.Ns + "UserName")!.Value));
            var truncated = result.Element(RawIamClient.Ns + "IsTruncated")!.Value == "true";
            marker = truncated ? result.Element(RawIamClient.Ns + "Marker")!.Value : null;
            pages++;
        }
        while (marker is not null && pages < 100);

        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Contains("root", names);
        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Empty((await root.CallAsync("ListUsers", ("PathPrefix", "/engineering/"))).Result("ListUsers").Descendants(RawIamClient.Ns + "member"));
    }

    [Fact]
    public async Task A_new_users_key_signs_S3_requests_until_it_is_switched_off_and_removed()
    {
        using var root = Root();
        var name = UniqueName("bob");
        (await root.CallAsync("CreateUser", ("UserName", name))).Result("CreateUser");

        var created = (await root.CallAsync("CreateAccessKey", ("UserName", name))).Result("CreateAccessKey").Element(RawIamClient.Ns + "AccessKey")!;
        var keyId = created.Element(RawIamClient.Ns + "AccessKeyId")!.Value;
        var secret = created.Element(RawIamClient.Ns + "SecretAccessKey")!.Value;
        Assert.Matches("^CAIRN[A-Z2-7]{15}$", keyId);
        Assert.Equal(40, secret.Length);
        Assert.Equal("Active", created.Element(RawIamClient.Ns + "Status")!.Value);
        Assert.Equal(name, created.Element(RawIamClient.Ns + "UserName")!.Value);

        using (var s3 = ClientFor(keyId, secret))
        {
            var bucket = "iam-" + Guid.NewGuid().ToString("N")[..10];
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "hello" });

            // The user owns a bucket now: it cannot be removed.
            (await root.CallAsync("DeleteUser", ("UserName", name))).AssertError(HttpStatusCode.Conflict, "DeleteConflict");
            await s3.DeleteObjectAsync(bucket, "k");
            await s3.DeleteBucketAsync(bucket);
        }

        var listed = (await root.CallAsync("ListAccessKeys", ("UserName", name))).Result("ListAccessKeys");
        var member = Assert.Single(listed.Descendants(RawIamClient.Ns + "member"));
        Assert.Equal(keyId, member.Element(RawIamClient.Ns + "AccessKeyId")!.Value);
        Assert.Null(member.Element(RawIamClient.Ns + "SecretAccessKey"));
        Assert.Equal("false", listed.Element(RawIamClient.Ns + "IsTruncated")!.Value);

        (await root.CallAsync("UpdateAccessKey", ("UserName", name), ("AccessKeyId", keyId), ("Status", "Inactive"))).Result("UpdateAccessKey");
        using (var s3 = ClientFor(keyId, secret))
        {
            var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync());
            Assert.Equal("InvalidAccessKeyId", refused.ErrorCode);
        }

        Assert.Equal("Inactive", (await root.CallAsync("ListAccessKeys", ("UserName", name))).Text("Status"));
        (await root.CallAsync("UpdateAccessKey", ("UserName", name), ("AccessKeyId", keyId), ("Status", "Paused"))).AssertError(HttpStatusCode.BadRequest, "ValidationError");
        (await root.CallAsync("DeleteUser", ("UserName", name))).AssertError(HttpStatusCode.Conflict, "DeleteConflict");
        (await root.CallAsync("DeleteAccessKey", ("UserName", name), ("AccessKeyId", keyId))).Result("DeleteAccessKey");
        (await root.CallAsync("DeleteAccessKey", ("UserName", name), ("AccessKeyId", keyId))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await root.CallAsync("UpdateAccessKey", ("UserName", name), ("AccessKeyId", keyId), ("Status", "Active"))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await root.CallAsync("DeleteUser", ("UserName", name))).Result("DeleteUser");
        (await root.CallAsync("GetUser", ("UserName", name))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await root.CallAsync("DeleteUser", ("UserName", name))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task A_third_access_key_is_LimitExceeded()
    {
        using var root = Root();
        var name = UniqueName("keys");
        (await root.CallAsync("CreateUser", ("UserName", name))).Result("CreateUser");
        (await root.CallAsync("CreateAccessKey", ("UserName", name))).Result("CreateAccessKey");
        (await root.CallAsync("CreateAccessKey", ("UserName", name))).Result("CreateAccessKey");

        (await root.CallAsync("CreateAccessKey", ("UserName", name))).AssertError(HttpStatusCode.Conflict, "LimitExceeded");
        (await root.CallAsync("CreateAccessKey", ("UserName", "ghost-" + Guid.NewGuid().ToString("N")[..6]))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task The_root_user_cannot_be_deleted_nor_its_configured_key_changed()
    {
        using var root = Root();

        (await root.CallAsync("DeleteUser", ("UserName", "root"))).AssertError(HttpStatusCode.Conflict, "DeleteConflict");
        (await root.CallAsync("CreateAccessKey")).AssertError(HttpStatusCode.BadRequest, "ValidationError");
        (await root.CallAsync("DeleteAccessKey", ("AccessKeyId", fixture.AccessKey))).AssertError(HttpStatusCode.BadRequest, "ValidationError");
        Assert.Contains(fixture.AccessKey, (await root.CallAsync("ListAccessKeys")).Result("ListAccessKeys").Descendants(RawIamClient.Ns + "AccessKeyId").Select(e => e.Value));
    }

    [Fact]
    public async Task User_policies_are_put_got_URL_encoded_listed_and_deleted()
    {
        using var root = Root();
        var name = UniqueName("carol");
        (await root.CallAsync("CreateUser", ("UserName", name))).Result("CreateUser");

        (await root.CallAsync("PutUserPolicy", ("UserName", name), ("PolicyName", "read-only"), ("PolicyDocument", ReadOnlyPolicy))).Result("PutUserPolicy");

        var got = (await root.CallAsync("GetUserPolicy", ("UserName", name), ("PolicyName", "read-only"))).Result("GetUserPolicy");
        Assert.Equal(name, got.Element(RawIamClient.Ns + "UserName")!.Value);
        Assert.Equal("read-only", got.Element(RawIamClient.Ns + "PolicyName")!.Value);
        var encoded = got.Element(RawIamClient.Ns + "PolicyDocument")!.Value;
        Assert.DoesNotContain("{", encoded, StringComparison.Ordinal);
        Assert.Equal(ReadOnlyPolicy, Uri.UnescapeDataString(encoded));

        var listed = (await root.CallAsync("ListUserPolicies", ("UserName", name))).Result("ListUserPolicies");
        Assert.Equal(["read-only"], listed.Element(RawIamClient.Ns + "PolicyNames")!.Elements(RawIamClient.Ns + "member").Select(m => m.Value));

        (await root.CallAsync("DeleteUser", ("UserName", name))).AssertError(HttpStatusCode.Conflict, "DeleteConflict");
        (await root.CallAsync("DeleteUserPolicy", ("UserName", name), ("PolicyName", "read-only"))).Result("DeleteUserPolicy");
        (await root.CallAsync("DeleteUserPolicy", ("UserName", name), ("PolicyName", "read-only"))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await root.CallAsync("GetUserPolicy", ("UserName", name), ("PolicyName", "read-only"))).AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
        Assert.Empty((await root.CallAsync("ListUserPolicies", ("UserName", name))).Result("ListUserPolicies").Descendants(RawIamClient.Ns + "member"));
        (await root.CallAsync("DeleteUser", ("UserName", name))).Result("DeleteUser");
    }

    [Fact]
    public async Task A_malformed_policy_is_MalformedPolicyDocument_naming_what_is_wrong_and_nothing_is_stored()
    {
        using var root = Root();
        var name = UniqueName("dave");
        (await root.CallAsync("CreateUser", ("UserName", name))).Result("CreateUser");

        var notJson = (await root.CallAsync("PutUserPolicy", ("UserName", name), ("PolicyName", "p"), ("PolicyDocument", "{not json")))
            .AssertError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");
        var withPrincipal = (await root.CallAsync("PutUserPolicy", ("UserName", name), ("PolicyName", "p"), ("PolicyDocument",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""")))
            .AssertError(HttpStatusCode.BadRequest, "MalformedPolicyDocument");

        Assert.False(string.IsNullOrWhiteSpace(notJson));
        Assert.Contains("Principal", withPrincipal, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await root.CallAsync("ListUserPolicies", ("UserName", name))).Result("ListUserPolicies").Descendants(RawIamClient.Ns + "member"));
        (await root.CallAsync("PutUserPolicy", ("UserName", "ghost-" + Guid.NewGuid().ToString("N")[..6]), ("PolicyName", "p"), ("PolicyDocument", ReadOnlyPolicy)))
            .AssertError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task A_user_may_call_only_what_its_policies_allow_and_a_deny_wins()
    {
        using var root = Root();
        var name = UniqueName("operator");
        var victim = UniqueName("victim");
        (await root.CallAsync("CreateUser", ("UserName", name))).Result("CreateUser");
        (await root.CallAsync("CreateUser", ("UserName", victim))).Result("CreateUser");
        var key = (await root.CallAsync("CreateAccessKey", ("UserName", name))).Result("CreateAccessKey");
        using var user = new RawIamClient(fixture.BaseAddress, key.Descendants(RawIamClient.Ns + "AccessKeyId").Single().Value,
            key.Descendants(RawIamClient.Ns + "SecretAccessKey").Single().Value);

        var denied = (await user.CallAsync("ListUsers")).AssertError(HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Contains($"user/{name} is not authorized to perform: iam:ListUsers", denied, StringComparison.Ordinal);

        (await root.CallAsync("PutUserPolicy", ("UserName", name), ("PolicyName", "admin"), ("PolicyDocument",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"""))).Result("PutUserPolicy");
        (await user.CallAsync("ListUsers")).Result("ListUsers");
        (await user.CallAsync("GetUser", ("UserName", victim))).Result("GetUser");

        (await root.CallAsync("PutUserPolicy", ("UserName", name), ("PolicyName", "not-the-victim"), ("PolicyDocument",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::000000000000:user/{{victim}}"}]}"""))).Result("PutUserPolicy");
        (await user.CallAsync("DeleteUser", ("UserName", victim))).AssertError(HttpStatusCode.Forbidden, "AccessDenied");
        (await user.CallAsync("GetUser")).Result("GetUser");
        (await root.CallAsync("GetUser", ("UserName", victim))).Result("GetUser");
    }

    private AmazonS3Client ClientFor(string keyId, string secret) =>
        new(new BasicAWSCredentials(keyId, secret), new AmazonS3Config
        {
            ServiceURL = fixture.BaseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
}
