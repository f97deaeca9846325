using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Presigned URLs (query authentication, docs/s3-compatibility.md "Presigned URLs") made by the SDK and by the raw signer, used from a
/// plain HttpClient the way browsers and curl use them.
/// </summary>
public sealed class PresignedUrlTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public PresignedUrlTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task PresignedGet_FromPlainHttpClient_ReturnsObjectBytes()
    {
        var bucket = await CreateBucketAsync("presign-get");
        var body = DeterministicStream.Slice(11, 0, 50_000);
        await PutAsync(bucket, "shared/report 2024.bin", body);

        var url = S3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = "shared/report 2024.bin",
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(10),
        });

        using var response = await Raw.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"" + TestChecksums.Md5Hex(body) + "\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task PresignedPut_FromPlainHttpClient_StoresObject()
    {
        var bucket = await CreateBucketAsync("presign-put");
        var body = Encoding.UTF8.GetBytes("uploaded through a presigned URL");

        var url = S3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = "uploads/from-browser.txt",
            Verb = HttpVerb.PUT,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(10),
        });

        using var response = await Raw.Http.PutAsync(url, new ByteArrayContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"" + TestChecksums.Md5Hex(body) + "\"", response.Headers.ETag?.ToString());
        Assert.Equal(body, await GetBytesAsync(bucket, "uploads/from-browser.txt"));
    }

    [Fact]
    public async Task PresignedGet_UsedForAnotherKey_FailsWithSignatureDoesNotMatch()
    {
        var bucket = await CreateBucketAsync("presign-tamper");
        await PutTextAsync(bucket, "allowed", "a");
        await PutTextAsync(bucket, "secret", "s");
        var url = S3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = "allowed",
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(10),
        });

        var tampered = new UriBuilder(url) { Path = $"/{bucket}/secret" }.Uri;
        using var response = await Raw.Http.GetAsync(tampered);

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task PresignedGet_FromRawSignerNow_Succeeds()
    {
        // Control for the expiry tests below: the same signer, signing at the current time.
        var bucket = await CreateBucketAsync("presign-raw");
        await PutTextAsync(bucket, "k", "raw presigned");

        var url = Raw.Signer.Presign("GET", Raw.Url(RawS3Client.ObjectPath(bucket, "k")), DateTimeOffset.UtcNow, 300);
        using var response = await Raw.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("raw presigned", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PresignedGet_SignedTwoHoursAgoForOneHour_FailsWithAccessDenied()
    {
        var bucket = await CreateBucketAsync("presign-expired");
        await PutTextAsync(bucket, "k", "expired");

        var url = Raw.Signer.Presign("GET", Raw.Url(RawS3Client.ObjectPath(bucket, "k")), DateTimeOffset.UtcNow.AddHours(-2), 3600);
        using var response = await Raw.Http.GetAsync(url);

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task PresignedPut_Expired_FailsWithAccessDeniedAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("presign-put-expired");

        var url = Raw.Signer.Presign("PUT", Raw.Url(RawS3Client.ObjectPath(bucket, "late")), DateTimeOffset.UtcNow.AddMinutes(-30), 60);
        using var response = await Raw.Http.PutAsync(url, new ByteArrayContent(Encoding.UTF8.GetBytes("too late")));

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.False(await ExistsAsync(bucket, "late"));
    }

    [Theory]
    [InlineData(604801)] // one second over 7 days
    [InlineData(-1)] // negative (docs/s3-compatibility.md "Presigned URLs")
    public async Task PresignedGet_WithExpiresOutOfRange_FailsWithAuthorizationQueryParametersError(long expires)
    {
        var bucket = await CreateBucketAsync("presign-range");
        await PutTextAsync(bucket, "k", "v");

        var url = Raw.Signer.Presign("GET", Raw.Url(RawS3Client.ObjectPath(bucket, "k")), DateTimeOffset.UtcNow, expires);
        using var response = await Raw.Http.GetAsync(url);

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "AuthorizationQueryParametersError");
    }

    [Fact]
    public async Task PresignedGet_WithWrongSecret_FailsWithSignatureDoesNotMatch()
    {
        var bucket = await CreateBucketAsync("presign-secret");
        await PutTextAsync(bucket, "k", "v");
        var wrong = new RawS3Signer(Fixture.AccessKey, Fixture.SecretKey + "x");

        var url = wrong.Presign("GET", Raw.Url(RawS3Client.ObjectPath(bucket, "k")), DateTimeOffset.UtcNow, 300);
        using var response = await Raw.Http.GetAsync(url);

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }
}
