using System.Net;
using System.Text;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// SigV4 header authentication failures over raw HTTP (docs/s3-compatibility.md "Signature V4 in the Authorization header"), each next to a control request that
/// succeeds with the same signer, so a failure can only come from the one thing changed.
/// </summary>
public sealed class AuthenticationTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public AuthenticationTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task SignedListBuckets_WithCorrectCredentials_Succeeds()
    {
        var bucket = await CreateBucketAsync("auth-ok");

        using var response = await Raw.SendAsync(HttpMethod.Get, "/");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XElement.Parse(text);
        XNamespace ns = "http://s3.amazonaws.com/doc/2006-03-01/";
        Assert.Equal(ns + "ListAllMyBucketsResult", root.Name);
        Assert.Contains(bucket, root.Descendants(ns + "Name").Select(e => e.Value));
        Assert.False(string.IsNullOrEmpty(S3Assert.RequestId(response)), "success without x-amz-request-id");
    }

    [Fact]
    public async Task SignedRequest_WithWrongSecret_FailsWithSignatureDoesNotMatch()
    {
        var wrong = new RawS3Signer(Fixture.AccessKey, "not-the-secret-" + Fixture.SecretKey);

        using var response = await Raw.SendAsync(HttpMethod.Get, "/", signer: wrong);

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task SignedRequest_WithUnknownAccessKey_FailsWithInvalidAccessKeyId()
    {
        var unknown = new RawS3Signer("AKIDUNKNOWN000000000", Fixture.SecretKey);

        using var response = await Raw.SendAsync(HttpMethod.Get, "/", signer: unknown);

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "InvalidAccessKeyId");
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(20)]
    public async Task SignedRequest_DatedTwentyMinutesOff_FailsWithRequestTimeTooSkewed(int minutes)
    {
        using var response = await Raw.SendAsync(HttpMethod.Get, "/", time: DateTimeOffset.UtcNow.AddMinutes(minutes));

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "RequestTimeTooSkewed");
    }

    [Fact]
    public async Task SignedRequest_DatedTenMinutesOff_IsStillAccepted()
    {
        using var response = await Raw.SendAsync(HttpMethod.Get, "/", time: DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignedPut_WithTamperedHeaderAfterSigning_FailsWithSignatureDoesNotMatchAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("auth-tamper");
        var request = new HttpRequestMessage(HttpMethod.Put, Raw.Url(RawS3Client.ObjectPath(bucket, "k")))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("body")),
        };
        request.Headers.TryAddWithoutValidation("x-amz-meta-owner", "alice");
        Raw.Signer.Sign(request, TestChecksums.Sha256Hex(Encoding.UTF8.GetBytes("body")));
        request.Headers.Remove("x-amz-meta-owner");
        request.Headers.TryAddWithoutValidation("x-amz-meta-owner", "mallory");

        using var response = await Raw.Http.SendAsync(request);

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task MalformedAuthorizationHeader_FailsWithAuthorizationHeaderMalformed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Raw.Url("/"));
        request.Headers.TryAddWithoutValidation("x-amz-date", RawS3Signer.AmzDate(DateTimeOffset.UtcNow));
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", RawS3Signer.EmptySha256);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=garbage");

        using var response = await Raw.Http.SendAsync(request);

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "AuthorizationHeaderMalformed");
    }

    [Fact]
    public async Task AnonymousGetObject_FailsWithAccessDenied()
    {
        var bucket = await CreateBucketAsync("anonymous");
        await PutTextAsync(bucket, "private.txt", "not for everyone");

        using var response = await Raw.SendAnonymousAsync(HttpMethod.Get, RawS3Client.ObjectPath(bucket, "private.txt"));

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task AnonymousListBuckets_FailsWithAccessDenied()
    {
        using var response = await Raw.SendAnonymousAsync(HttpMethod.Get, "/");

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task AnonymousPutObject_FailsWithAccessDeniedAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("anonymous-put");

        using var response = await Raw.SendAnonymousAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "intruder"), Encoding.UTF8.GetBytes("x"));

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.False(await ExistsAsync(bucket, "intruder"));
    }
}
