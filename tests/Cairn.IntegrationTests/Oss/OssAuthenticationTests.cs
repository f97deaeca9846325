using System.Net;
using System.Xml.Linq;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Sts.StsTestSupport;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// OSS signatures over real sockets, signed by the test-side oracle: V1 and V4 in the header and in signed URLs,
/// path-style and with ali-oss's virtual-hosted Host, with root keys and STS temporary credentials; and every refusal
/// in OSS's error document, with nothing stored.
/// </summary>
public sealed class OssAuthenticationTests(CairnServerFixture fixture) : IClassFixture<CairnServerFixture>
{
    [Theory]
    [InlineData(OssSigning.V1, false)]
    [InlineData(OssSigning.V1, true)]
    [InlineData(OssSigning.V4, false)]
    [InlineData(OssSigning.V4, true)]
    public async Task Signed_listing_is_answered(OssSigning signing, bool virtualHosted)
    {
        var bucket = await BucketWithObjectAsync("dir/a b+ü.txt");
        using var oss = new RawOssClient(fixture);

        using var response = await oss.SendAsync(HttpMethod.Get, virtualHosted ? "/?prefix=dir%2F" : $"/{bucket}/?prefix=dir%2F",
            signing: signing, virtualHostBucket: virtualHosted ? bucket : null);

        Assert.True(HttpStatusCode.OK == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Contains("dir/a b+ü.txt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OssSigning.V1)]
    [InlineData(OssSigning.V4)]
    public async Task Signed_object_request_with_sub_resource_is_answered(OssSigning signing)
    {
        var bucket = await BucketWithObjectAsync("seed");
        using var s3 = fixture.CreateClient();
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "big/ü file.bin");
        using var oss = new RawOssClient(fixture);

        using var response = await oss.SendAsync(HttpMethod.Get,
            RawOssClient.ObjectPath(bucket, "big/ü file.bin") + "?uploadId=" + RawOssSigner.Encode(upload.UploadId) + "&max-parts=10",
            signing: signing);

        Assert.True(HttpStatusCode.OK == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Contains(upload.UploadId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OssSigning.V1)]
    [InlineData(OssSigning.V4)]
    public async Task Signed_urls_are_answered_until_they_expire(OssSigning signing)
    {
        var bucket = await BucketWithObjectAsync("k.txt");
        using var oss = new RawOssClient(fixture);
        var listing = oss.Url($"/{bucket}/");

        var fresh = signing == OssSigning.V1
            ? oss.Signer.PresignV1("GET", listing, DateTimeOffset.UtcNow.AddMinutes(5))
            : oss.Signer.PresignV4("GET", listing, DateTimeOffset.UtcNow, 300);
        var expired = signing == OssSigning.V1
            ? oss.Signer.PresignV1("GET", listing, DateTimeOffset.UtcNow.AddSeconds(-1))
            : oss.Signer.PresignV4("GET", listing, DateTimeOffset.UtcNow.AddMinutes(-10), 60);

        using (var ok = await oss.SendUnsignedAsync(HttpMethod.Get, fresh))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await oss.SendUnsignedAsync(HttpMethod.Get, expired);
        var error = await OssErrorAsync(refused, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Equal("Request has expired.", error.Element("Message")?.Value);
    }

    [Theory]
    [InlineData(OssSigning.V1)]
    [InlineData(OssSigning.V4)]
    public async Task Wrong_secret_is_SignatureDoesNotMatch_and_stores_nothing(OssSigning signing)
    {
        var bucket = await BucketWithObjectAsync("seed");
        using var oss = new RawOssClient(fixture);
        var wrong = new RawOssSigner(fixture.AccessKey, "not-the-secret");

        using var response = await oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "refused.txt"), "data"u8.ToArray(),
            signing: signing, signer: wrong);

        var error = await OssErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.False(string.IsNullOrEmpty(error.Element("StringToSign")?.Value));
        Assert.False(string.IsNullOrEmpty(error.Element("StringToSignBytes")?.Value));
        Assert.False(string.IsNullOrEmpty(error.Element("SignatureProvided")?.Value));
        Assert.False(await ExistsAsync(bucket, "refused.txt"));
    }

    [Theory]
    [InlineData(OssSigning.V1)]
    [InlineData(OssSigning.V4)]
    public async Task Skewed_clock_is_RequestTimeTooSkewed_with_the_server_time(OssSigning signing)
    {
        var bucket = await BucketWithObjectAsync("seed");
        using var oss = new RawOssClient(fixture);

        using var response = await oss.SendAsync(HttpMethod.Get, $"/{bucket}/", signing: signing, time: DateTimeOffset.UtcNow.AddMinutes(-20));

        var error = await OssErrorAsync(response, HttpStatusCode.Forbidden, "RequestTimeTooSkewed");
        var serverTime = DateTimeOffset.Parse(error.Element("ServerTime")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(serverTime, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("900000", error.Element("MaxAllowedSkewMilliseconds")?.Value);
    }

    [Fact]
    public async Task Unknown_key_is_InvalidAccessKeyId()
    {
        var bucket = await BucketWithObjectAsync("seed");
        using var oss = new RawOssClient(fixture);

        using var response = await oss.SendAsync(HttpMethod.Get, $"/{bucket}/", signer: new RawOssSigner("LTAInobody", "secret"));

        var error = await OssErrorAsync(response, HttpStatusCode.Forbidden, "InvalidAccessKeyId");
        Assert.Equal("LTAInobody", error.Element("OSSAccessKeyId")?.Value);
    }

    [Fact]
    public async Task Temporary_credentials_sign_in_every_form()
    {
        var bucket = await BucketWithObjectAsync("k.txt");
        var session = (await Root(fixture.Host).GetSessionTokenAsync(new GetSessionTokenRequest())).Credentials;
        var signer = new RawOssSigner(session.AccessKeyId, session.SecretAccessKey, securityToken: session.SessionToken);
        using var oss = new RawOssClient(fixture.BaseAddress, signer);
        var listing = oss.Url($"/{bucket}/");

        foreach (var signing in new[] { OssSigning.V1, OssSigning.V4 })
        {
            using var header = await oss.SendAsync(HttpMethod.Get, $"/{bucket}/", signing: signing);
            Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        }

        using (var v1 = await oss.SendUnsignedAsync(HttpMethod.Get, signer.PresignV1("GET", listing, DateTimeOffset.UtcNow.AddMinutes(5))))
        {
            Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        }

        using (var v4 = await oss.SendUnsignedAsync(HttpMethod.Get, signer.PresignV4("GET", listing, DateTimeOffset.UtcNow, 300)))
        {
            Assert.Equal(HttpStatusCode.OK, v4.StatusCode);
        }

        var forged = new RawOssSigner(session.AccessKeyId, session.SecretAccessKey, securityToken: session.SessionToken[..^4] + "AAAA");
        using var refused = await oss.SendAsync(HttpMethod.Get, $"/{bucket}/", signer: forged);
        Assert.False(refused.IsSuccessStatusCode);
        Assert.DoesNotContain("k.txt", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> BucketWithObjectAsync(string key)
    {
        var bucket = "oss-auth-" + Guid.NewGuid().ToString("N")[..10];
        using var s3 = fixture.CreateClient();
        await s3.PutBucketAsync(bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "hello" });
        return bucket;
    }

    private async Task<bool> ExistsAsync(string bucket, string key)
    {
        using var s3 = fixture.CreateClient();
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = key });
        return listing.S3Objects?.Count > 0;
    }

    /// <summary>OSS's error answer: the status, x-oss-request-id, and an un-namespaced Error document with the code.</summary>
    private static async Task<XElement> OssErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Headers.Contains("x-oss-request-id"));
        var error = XElement.Parse(text);
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal(code, error.Element("Code")?.Value);
        return error;
    }
}
