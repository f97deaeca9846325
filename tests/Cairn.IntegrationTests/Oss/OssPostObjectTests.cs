using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Sts.StsTestSupport;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// OSS browser form uploads over real sockets, posted as a web page posts them to an OSS endpoint (the bucket in the
/// Host, so the request is OSS's by its address): V1 and V4 signed policies, temporary credentials, the answer the form
/// asks for, x-oss-* fields as object headers, and every refusal with nothing stored.
/// </summary>
public sealed class OssPostObjectTests(CairnServerFixture fixture) : IClassFixture<CairnServerFixture>, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    [Theory]
    [InlineData(PostSigning.OssV1)]
    [InlineData(PostSigning.OssV4)]
    public async Task Signed_form_stores_the_file_with_its_fields_as_headers(PostSigning signing)
    {
        var bucket = await CreateBucketAsync();
        var form = FormFor(bucket, "uploads/${filename}", signing)
            .Field("Content-Type", "text/plain")
            .Field("x-oss-meta-color", "blue")
            .Field("success_action_status", "201");

        using var response = await PostAsync(bucket, form.Build("hello form"u8.ToArray(), "note.txt"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("PostResponse", document.Name.LocalName);
        Assert.Equal("uploads/note.txt", document.Element("Key")?.Value);
        var etag = response.Headers.ETag!.Tag;
        Assert.Equal(etag.ToUpperInvariant(), etag);
        Assert.Equal(etag, document.Element("ETag")?.Value);
        Assert.True(response.Headers.Contains("x-oss-hash-crc64ecma"));
        using var s3 = fixture.CreateClient();
        var head = await s3.GetObjectMetadataAsync(bucket, "uploads/note.txt");
        Assert.Equal("text/plain", head.Headers.ContentType);
        Assert.Equal("blue", head.Metadata["color"]);
        Assert.Equal(etag.Trim('"'), head.ETag.Trim('"'), ignoreCase: true);
    }

    [Fact]
    public async Task Form_answers_204_by_default_and_303_to_a_redirect()
    {
        var bucket = await CreateBucketAsync();

        using (var plain = await PostAsync(bucket, FormFor(bucket, "uploads/a.bin", PostSigning.OssV1).Build([1, 2, 3])))
        {
            Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);
        }

        var redirected = FormFor(bucket, "uploads/b.bin", PostSigning.OssV1).Field("success_action_redirect", "https://app.example/done");
        using var response = await PostAsync(bucket, redirected.Build([4, 5, 6]));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith($"https://app.example/done?bucket={bucket}&key=uploads%2Fb.bin&etag=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Temporary_credentials_sign_a_form()
    {
        var bucket = await CreateBucketAsync();
        var session = (await Root(fixture.Host).GetSessionTokenAsync(new GetSessionTokenRequest())).Credentials;
        var form = new PostFormBuilder(session.AccessKeyId, session.SecretAccessKey, PostSigning.OssV4) { SessionToken = session.SessionToken }
            .Field("key", "uploads/sts.bin");

        using var response = await PostAsync(bucket, form.Build([7]));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("uploads/sts.bin", await KeysAsync(bucket));
    }

    [Theory]
    [InlineData(PostSigning.OssV1)]
    [InlineData(PostSigning.OssV4)]
    public async Task Forged_signature_is_SignatureDoesNotMatch_and_stores_nothing(PostSigning signing)
    {
        var bucket = await CreateBucketAsync();
        var form = FormFor(bucket, "uploads/forged.bin", signing);
        form.ForgedSignature = signing == PostSigning.OssV1 ? Convert.ToBase64String(new byte[20]) : new string('0', 64);

        using var response = await PostAsync(bucket, form.Build([1]));

        await OssErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.Empty(await KeysAsync(bucket));
    }

    [Fact]
    public async Task Key_outside_the_policy_is_AccessDenied_and_stores_nothing()
    {
        var bucket = await CreateBucketAsync();

        using var response = await PostAsync(bucket, FormFor(bucket, "elsewhere/x.bin", PostSigning.OssV1).Build([1]));

        await OssErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Empty(await KeysAsync(bucket));
    }

    [Fact]
    public async Task Forbid_overwrite_field_keeps_the_existing_object()
    {
        var bucket = await CreateBucketAsync();
        using var s3 = fixture.CreateClient();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "uploads/kept.txt", ContentBody = "first" });

        using var response = await PostAsync(bucket,
            FormFor(bucket, "uploads/kept.txt", PostSigning.OssV1).Field("x-oss-forbid-overwrite", "true").Build("second"u8.ToArray()));

        Assert.False(response.IsSuccessStatusCode);
        using var kept = await s3.GetObjectAsync(bucket, "uploads/kept.txt");
        Assert.Equal("first", await new StreamReader(kept.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task A_body_that_is_no_form_is_refused_as_in_the_S3_dialect()
    {
        var bucket = await CreateBucketAsync();

        using var response = await PostAsync(bucket, new StringContent("not a form", Encoding.UTF8, "text/plain"));

        await OssErrorAsync(response, HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Empty(await KeysAsync(bucket));
    }

    public void Dispose() => _http.Dispose();

    private PostFormBuilder FormFor(string bucket, string key, PostSigning signing)
    {
        var form = new PostFormBuilder(fixture.AccessKey, fixture.SecretKey, signing).Field("key", key);
        form.Conditions.Add($"{{\"bucket\": \"{bucket}\"}}");
        form.Conditions.Add("[\"starts-with\", \"$key\", \"uploads/\"]");
        return form;
    }

    /// <summary>Posts to the bucket's OSS virtual host, as a page served for an OSS bucket does.</summary>
    private Task<HttpResponseMessage> PostAsync(string bucket, HttpContent form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.BaseAddress, "/")) { Content = form };
        request.Headers.Host = bucket + ".oss-cn-hangzhou.aliyuncs.com";
        return _http.SendAsync(request);
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = "oss-post-" + Guid.NewGuid().ToString("N")[..10];
        using var s3 = fixture.CreateClient();
        await s3.PutBucketAsync(bucket);
        return bucket;
    }

    private async Task<List<string>> KeysAsync(string bucket)
    {
        using var s3 = fixture.CreateClient();
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        return listing.S3Objects?.Select(o => o.Key).ToList() ?? [];
    }

    private static async Task OssErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Headers.Contains("x-oss-request-id"));
        Assert.Equal(code, XElement.Parse(text).Element("Code")?.Value);
    }
}
