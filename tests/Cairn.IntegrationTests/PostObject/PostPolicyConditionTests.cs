using System.Net;
using System.Text;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.PostObject;

/// <summary>
/// The POST policy matrix: each kind of condition satisfied and violated. A violation is 403 AccessDenied naming the
/// condition (or EntityTooLarge/EntityTooSmall for the size range), and nothing is stored.
/// </summary>
public sealed class PostPolicyConditionTests(CairnServerFixture fixture) : PostObjectTestBase(fixture), IClassFixture<CairnServerFixture>
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("hello from a browser form");

    [Fact]
    public async Task A_form_meeting_every_condition_stores_the_file_with_its_headers_and_metadata()
    {
        var bucket = await CreateBucketAsync("post-ok");
        var form = FormFor(bucket, "uploads/photo.txt")
            .Covered("Content-Type", "text/plain")
            .Covered("Cache-Control", "max-age=60")
            .Covered("Content-Disposition", "inline")
            .Covered("x-amz-meta-color", "blue");

        using var response = await PostAsync(bucket, form.Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("\"" + TestChecksums.Md5Hex(Body) + "\"", response.Headers.ETag?.Tag);
        Assert.Equal(new Uri(Fixture.BaseAddress, $"{bucket}/uploads/photo.txt"), response.Headers.Location);
        using var stored = await S3.GetObjectAsync(bucket, "uploads/photo.txt");
        Assert.Equal("text/plain", stored.Headers.ContentType);
        Assert.Equal("max-age=60", stored.Headers.CacheControl);
        Assert.Equal("inline", stored.Headers.ContentDisposition);
        Assert.Equal("blue", stored.Metadata["color"]);
        Assert.Equal(Body, await GetBytesAsync(bucket, "uploads/photo.txt"));
    }

    [Theory]
    [InlineData("eq-key", "[\"eq\", \"$key\", \"uploads/exact.txt\"]")]
    [InlineData("starts-with-key", "[\"starts-with\", \"$key\", \"uploads/only-here/\"]")]
    [InlineData("bucket", "{\"bucket\": \"some-other-bucket\"}")]
    [InlineData("content-type", "[\"starts-with\", \"$Content-Type\", \"image/\"]")]
    [InlineData("meta", "[\"eq\", \"$x-amz-meta-color\", \"red\"]")]
    [InlineData("acl", "{\"acl\": \"private\"}")]
    public async Task A_violated_condition_is_AccessDenied_naming_it_and_nothing_is_stored(string hint, string condition)
    {
        var bucket = await CreateBucketAsync("post-" + hint);
        var form = Form().Field("key", "uploads/a.txt").Field("Content-Type", "text/plain")
            .Field("x-amz-meta-color", "blue").Field("acl", "public-read");
        form.Conditions.AddRange([
            condition, "[\"starts-with\", \"$key\", \"\"]", "[\"starts-with\", \"$Content-Type\", \"\"]",
            "[\"starts-with\", \"$x-amz-meta-color\", \"\"]", "[\"starts-with\", \"$acl\", \"\"]",
        ]);

        using var response = await PostAsync(bucket, form.Build(Body));

        var message = (await RefusedAsync(response, HttpStatusCode.Forbidden, "AccessDenied")).Element("Message")!.Value;
        Assert.StartsWith("Invalid according to Policy: Policy Condition failed: [\"", message, StringComparison.Ordinal);
        Assert.Contains(hint switch
        {
            "eq-key" => "[\"eq\", \"$key\", \"uploads/exact.txt\"]",
            "starts-with-key" => "[\"starts-with\", \"$key\", \"uploads/only-here/\"]",
            "bucket" => "[\"eq\", \"$bucket\", \"some-other-bucket\"]",
            "content-type" => "[\"starts-with\", \"$Content-Type\", \"image/\"]",
            "meta" => "[\"eq\", \"$x-amz-meta-color\", \"red\"]",
            _ => "[\"eq\", \"$acl\", \"private\"]",
        }, message, StringComparison.Ordinal);
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task An_acl_field_the_policy_allows_becomes_the_objects_canned_acl()
    {
        var bucket = await CreateBucketAsync("post-acl");
        var form = FormFor(bucket, "uploads/public.txt").Covered("acl", "public-read");

        using var response = await PostAsync(bucket, form.Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var acl = await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "uploads/public.txt" });
        Assert.Contains(acl.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers" && g.Permission.Value == "READ");
    }

    [Theory]
    [InlineData(10, 100, 50, HttpStatusCode.NoContent, null)]
    [InlineData(10, 100, 10, HttpStatusCode.NoContent, null)]
    [InlineData(10, 100, 100, HttpStatusCode.NoContent, null)]
    [InlineData(10, 100, 101, HttpStatusCode.BadRequest, "EntityTooLarge")]
    [InlineData(10, 100, 9, HttpStatusCode.BadRequest, "EntityTooSmall")]
    [InlineData(1, 1024, 0, HttpStatusCode.BadRequest, "EntityTooSmall")]
    [InlineData(0, 1024, 300_000, HttpStatusCode.BadRequest, "EntityTooLarge")]
    public async Task Content_length_range_bounds_the_file_at_both_ends(int min, int max, int size, HttpStatusCode status, string? code)
    {
        var bucket = await CreateBucketAsync("post-range");
        var form = FormFor(bucket);
        form.Conditions.Add($"[\"content-length-range\", {min}, {max}]");

        using var response = await PostAsync(bucket, form.Build(new byte[size]));

        if (code is null)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(size, (await S3.GetObjectMetadataAsync(bucket, "uploads/a.bin")).ContentLength);
        }
        else
        {
            await RefusedAsync(response, status, code);
            await AssertEmptyAsync(bucket);
        }
    }

    [Fact]
    public async Task A_submitted_field_no_condition_names_is_AccessDenied_naming_the_field()
    {
        var bucket = await CreateBucketAsync("post-extra");
        var form = FormFor(bucket).Field("x-amz-meta-foo", "bar");

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-foo");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task Fields_starting_with_x_ignore_need_no_condition()
    {
        var bucket = await CreateBucketAsync("post-ignore");
        var form = FormFor(bucket).Field("x-ignore-tracking", "42");

        using var response = await PostAsync(bucket, form.Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_policy_is_AccessDenied_and_nothing_is_stored()
    {
        var bucket = await CreateBucketAsync("post-expired");
        var form = FormFor(bucket);
        form.Expiration = DateTimeOffset.UtcNow.AddMinutes(-1);

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy expired.");
        await AssertEmptyAsync(bucket);
    }

    [Theory]
    [InlineData("{\"expiration\": \"2099-01-01T00:00:00.000Z\", \"conditions\": [[\"matches\", \"$key\", \"a\"]]}")]
    [InlineData("{\"expiration\": \"2099-01-01T00:00:00.000Z\", \"conditions\": ")]
    [InlineData("{\"conditions\": []}")]
    public async Task A_malformed_policy_is_InvalidPolicyDocument(string policy)
    {
        var bucket = await CreateBucketAsync("post-badpolicy");
        var form = FormFor(bucket);
        form.RawPolicy = policy;

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.BadRequest, "InvalidPolicyDocument");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task A_checksum_field_is_verified_against_the_file()
    {
        var bucket = await CreateBucketAsync("post-checksum");
        var crc32 = TestChecksums.Crc32(Body);
        var good = FormFor(bucket, "uploads/good.txt").Covered("x-amz-checksum-crc32", crc32);
        var bad = FormFor(bucket, "uploads/bad.txt").Covered("x-amz-checksum-crc32", TestChecksums.Crc32(Encoding.UTF8.GetBytes("other")));

        using var accepted = await PostAsync(bucket, good.Build(Body));
        using var refused = await PostAsync(bucket, bad.Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(crc32, Assert.Single(accepted.Headers.GetValues("x-amz-checksum-crc32")));
        await RefusedAsync(refused, HttpStatusCode.BadRequest, "BadDigest");
        Assert.Equal(["uploads/good.txt"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task A_wrong_Content_MD5_field_is_BadDigest_and_nothing_is_stored()
    {
        var bucket = await CreateBucketAsync("post-md5");
        var md5 = TestChecksums.Md5Base64(Encoding.UTF8.GetBytes("other"));
        var form = FormFor(bucket).Covered("Content-MD5", md5);

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.BadRequest, "BadDigest");
        await AssertEmptyAsync(bucket);
    }
}
