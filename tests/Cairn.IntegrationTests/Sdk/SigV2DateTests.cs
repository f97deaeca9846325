using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// SigV2 (<c>Authorization: AWS key:signature</c>) requests are dated by Date (or x-amz-date) in a form HTTP
/// defines. A date in any other form is no date: 403 AccessDenied, as S3 answers it, even when it could be read
/// and lies within the allowed skew. The signature covers the Date line exactly as sent, so every request here is
/// correctly signed and only the date decides.
/// </summary>
public sealed class SigV2DateTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const string NeedsValidDate = "AWS authentication requires a valid Date or x-amz-date header";

    public SigV2DateTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>
    /// A literal date, or (<paramref name="isFormat"/>) a format applied to the current time, so that the date could
    /// be read and lies within the allowed skew.
    /// </summary>
    [Theory]
    [InlineData("1/2/2026", false)]
    [InlineData("yyyy-MM-dd", true)]
    [InlineData("yyyy-MM-dd HH:mm:ss", true)]
    [InlineData("yyyy-MM-ddTHH:mm:ssZ", true)]
    [InlineData("MM/dd/yyyy HH:mm:ss", true)]
    public async Task SigV2Request_DatedInAFormHttpDoesNotDefine_IsAccessDenied(string form, bool isFormat)
    {
        var date = isFormat ? DateTime.UtcNow.ToString(form, CultureInfo.InvariantCulture) : form;
        var bucket = await CreateBucketAsync("sigv2-date");
        await PutTextAsync(bucket, "k", "content");

        using var response = await SendSigV2GetAsync(bucket, "k", date);

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Equal(NeedsValidDate, error.Element("Message")?.Value);
    }

    [Fact]
    public async Task SigV2Request_DatesHttpDefines_AreAccepted_MissingDateIsAccessDenied_SkewIsRefused()
    {
        // Guards the stricter parser: the forms SigV2 clients really send keep working.
        var bucket = await CreateBucketAsync("sigv2-ok");
        await PutTextAsync(bucket, "k", "content");
        var now = DateTimeOffset.UtcNow;
        var rfc1123 = now.ToString("r", CultureInfo.InvariantCulture);
        var numeric = now.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture);

        foreach (var date in new[] { rfc1123, numeric + " +0000", numeric + " -0000" })
        {
            using var ok = await SendSigV2GetAsync(bucket, "k", date);
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"Date: {date} -> {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync()}");
            Assert.Equal("content", await ok.Content.ReadAsStringAsync());
        }

        using (var undated = await SendSigV2GetAsync(bucket, "k", date: null))
        {
            var error = await S3Assert.ErrorAsync(undated, HttpStatusCode.Forbidden, "AccessDenied");
            Assert.Equal(NeedsValidDate, error.Element("Message")?.Value);
        }

        using var skewed = await SendSigV2GetAsync(bucket, "k", now.AddMinutes(-20).ToString("r", CultureInfo.InvariantCulture));
        await S3Assert.ErrorAsync(skewed, HttpStatusCode.Forbidden, "RequestTimeTooSkewed");
    }

    /// <summary>
    /// A path-style GET signed with SigV2: HMAC-SHA1 over <c>GET\n\n\n{Date}\n/bucket/key</c>. A null
    /// <paramref name="date"/> sends no Date header (and signs an empty Date line).
    /// </summary>
    private Task<HttpResponseMessage> SendSigV2GetAsync(string bucket, string key, string? date)
    {
        var path = RawS3Client.ObjectPath(bucket, key);
        var request = new HttpRequestMessage(HttpMethod.Get, Raw.Url(path));
        if (date is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Date", date));
        }

        var stringToSign = $"GET\n\n\n{date}\n{path}";
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Fixture.SecretKey), Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS {Fixture.AccessKey}:{signature}");
        return Raw.Http.SendAsync(request);
    }
}
