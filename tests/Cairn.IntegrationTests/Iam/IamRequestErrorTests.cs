using System.Net;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Iam;

/// <summary>
/// How the admin API refuses what it cannot accept, in IAM's error document: unsigned calls, unknown keys, bad
/// signatures, unknown actions and versions, bad names, paths Cairn does not keep, an oversized body.
/// </summary>
public sealed class IamRequestErrorTests(CairnServerFixture fixture) : IClassFixture<CairnServerFixture>
{
    private RawIamClient Root() => new(fixture.BaseAddress, fixture.AccessKey, fixture.SecretKey);

    [Fact]
    public async Task An_unsigned_call_is_MissingAuthenticationToken()
    {
        using var anonymous = new RawIamClient(fixture.BaseAddress, null, null);

        var answer = await anonymous.CallAsync("ListUsers");

        answer.AssertError(HttpStatusCode.Forbidden, "MissingAuthenticationToken");
        Assert.Equal("text/xml", answer.MediaType);
    }

    [Fact]
    public async Task An_unknown_key_is_InvalidClientTokenId()
    {
        using var stranger = new RawIamClient(fixture.BaseAddress, "CAIRNNOSUCHKEY000000", "whatever-secret-0123456789");

        (await stranger.CallAsync("ListUsers")).AssertError(HttpStatusCode.Forbidden, "InvalidClientTokenId");
    }

    [Fact]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch()
    {
        using var wrong = new RawIamClient(fixture.BaseAddress, fixture.AccessKey, "not-the-secret-0123456789");

        (await wrong.CallAsync("ListUsers")).AssertError(HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_SignatureDoesNotMatch()
    {
        using var root = Root();

        var answer = await root.PostAsync([("Action", "CreateUser"), ("Version", "2010-05-08"), ("UserName", "signed")],
            request => request.Content = new StringContent("Action=CreateUser&Version=2010-05-08&UserName=swapped",
                System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        answer.AssertError(HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task An_unknown_action_or_version_is_InvalidAction()
    {
        using var root = Root();

        (await root.CallAsync("CreateGroup", ("GroupName", "g"))).AssertError(HttpStatusCode.BadRequest, "InvalidAction");
        (await root.PostAsync([("Action", "ListUsers"), ("Version", "2011-01-01")])).AssertError(HttpStatusCode.BadRequest, "InvalidAction");
        (await root.PostAsync([("Version", "2010-05-08")])).AssertError(HttpStatusCode.BadRequest, "InvalidAction");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("a-name-that-is-far-too-long-for-iam-because-it-has-more-than-64-chars")]
    public async Task A_user_name_IAM_would_refuse_is_ValidationError(string name)
    {
        using var root = Root();

        var message = (await root.CallAsync("CreateUser", ("UserName", name))).AssertError(HttpStatusCode.BadRequest, "ValidationError");

        Assert.Contains("userName", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_parameter_is_ValidationError()
    {
        using var root = Root();

        (await root.CallAsync("CreateUser")).AssertError(HttpStatusCode.BadRequest, "ValidationError");
        (await root.CallAsync("PutUserPolicy", ("UserName", "root"), ("PolicyName", "p"))).AssertError(HttpStatusCode.BadRequest, "ValidationError");
    }

    [Fact]
    public async Task A_path_other_than_the_root_is_not_implemented()
    {
        using var root = Root();

        (await root.CallAsync("CreateUser", ("UserName", "pathed"), ("Path", "/division/"))).AssertError(HttpStatusCode.NotImplemented, "NotImplemented");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused()
    {
        using var root = Root();

        var answer = await root.CallAsync("CreateUser", ("UserName", "big"), ("Padding", new string('x', 300 * 1024)));

        answer.AssertError(HttpStatusCode.BadRequest, "ValidationError");
    }

    [Fact]
    public async Task An_S3_request_to_the_same_endpoint_is_still_S3()
    {
        using var s3 = fixture.CreateClient();

        var buckets = await s3.ListBucketsAsync();

        Assert.Equal(HttpStatusCode.OK, buckets.HttpStatusCode);
    }
}
