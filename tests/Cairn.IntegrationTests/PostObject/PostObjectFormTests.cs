using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Web;
using System.Xml.Linq;
using Amazon.S3.Model;
using Cairn.Core.Identity.Sessions;
using Cairn.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.IntegrationTests.PostObject;

/// <summary>
/// Browser form uploads beyond the policy conditions: both signature versions, session tokens, anonymous forms, the
/// answers a form may ask for, the form's own rules (file last, one file, bounded fields) and CORS. Every refusal
/// leaves nothing stored.
/// </summary>
public sealed class PostObjectFormTests(CairnServerFixture fixture) : PostObjectTestBase(fixture), IClassFixture<CairnServerFixture>
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("form upload body");

    [Fact]
    public async Task A_SigV2_form_uploads()
    {
        var bucket = await CreateBucketAsync("post-v2");

        using var response = await PostAsync(bucket, FormFor(bucket, signing: PostSigning.SigV2).Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Body, await GetBytesAsync(bucket, "uploads/a.bin"));
    }

    [Theory]
    [InlineData(PostSigning.SigV4, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(PostSigning.SigV2, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task A_forged_signature_is_SignatureDoesNotMatch_and_nothing_is_stored(PostSigning signing, string forged)
    {
        var bucket = await CreateBucketAsync("post-forged");
        var form = FormFor(bucket, signing: signing);
        form.ForgedSignature = forged;

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task A_policy_changed_after_signing_is_SignatureDoesNotMatch()
    {
        var bucket = await CreateBucketAsync("post-tampered");
        var form = FormFor(bucket);
        form.ForgedSignature = form.Signature();
        form.Conditions.Add("[\"starts-with\", \"$x-amz-meta-extra\", \"\"]");

        using var response = await PostAsync(bucket, form.Field("x-amz-meta-extra", "1").Build(Body));

        await RefusedAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task An_unknown_access_key_is_InvalidAccessKeyId()
    {
        var bucket = await CreateBucketAsync("post-unknown");
        var form = new PostFormBuilder("AKIDOESNOTEXIST00000", "secret").Field("key", "uploads/a.bin");
        form.Conditions.Add("[\"starts-with\", \"$key\", \"\"]");

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.Forbidden, "InvalidAccessKeyId");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task A_session_token_field_signs_as_the_temporary_credential_and_a_tampered_one_is_refused()
    {
        var owner = await TestUsers.CreateAsync(Fixture.Host, "post-session");
        using var ownerClient = owner.Client(Fixture.Host);
        var bucket = UniqueBucketName("post-session");
        await ownerClient.PutBucketAsync(bucket);
        var now = DateTimeOffset.UtcNow;
        var grant = new SessionGrant
        {
            AccessKeyId = SessionTokens.NewAccessKeyId(),
            Secret = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            Kind = SessionKind.SessionToken,
            UserId = owner.Id,
            IssuedAt = now,
            Expiration = now.AddHours(1),
        };
        var token = Fixture.Host.Services.GetRequiredService<SessionTokens>().Seal(grant);

        PostFormBuilder SessionForm(string key, string sessionToken)
        {
            var form = new PostFormBuilder(grant.AccessKeyId, grant.Secret) { SessionToken = sessionToken }.Field("key", key);
            form.Conditions.Add("[\"starts-with\", \"$key\", \"uploads/\"]");
            return form;
        }

        using var accepted = await PostAsync(bucket, SessionForm("uploads/by-session.bin", token).Build(Body));
        using var refused = await PostAsync(bucket, SessionForm("uploads/tampered.bin", token[..^4] + "AAAA").Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        await RefusedAsync(refused, HttpStatusCode.BadRequest, "InvalidToken");
        Assert.Equal(["uploads/by-session.bin"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task An_anonymous_form_uploads_only_where_the_bucket_allows_anonymous_writes()
    {
        var open = await CreateBucketAsync("post-anon-open");
        var closed = await CreateBucketAsync("post-anon-closed");
        await S3.PutBucketPolicyAsync(open, $$"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject",
              "Resource": "arn:aws:s3:::{{open}}/drop/*"}]}
            """);

        using var allowed = await PostAsync(open, Form(PostSigning.Anonymous).Field("key", "drop/a.bin").Build(Body));
        using var outside = await PostAsync(open, Form(PostSigning.Anonymous).Field("key", "elsewhere/a.bin").Build(Body));
        using var denied = await PostAsync(closed, Form(PostSigning.Anonymous).Field("key", "drop/a.bin").Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        await RefusedAsync(outside, HttpStatusCode.Forbidden, "AccessDenied");
        await RefusedAsync(denied, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Equal(["drop/a.bin"], await ListAllKeysAsync(open));
        await AssertEmptyAsync(closed);
    }

    [Fact]
    public async Task A_signed_form_is_still_authorized_as_its_signer()
    {
        var stranger = await TestUsers.CreateAsync(Fixture.Host, "post-stranger");
        var bucket = await CreateBucketAsync("post-authz");
        var form = new PostFormBuilder(stranger.Key.AccessKeyId, stranger.Key.Secret).Field("key", "uploads/a.bin");
        form.Conditions.Add("[\"starts-with\", \"$key\", \"uploads/\"]");

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.Forbidden, "AccessDenied", "Access Denied");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task The_filename_variable_in_key_takes_the_uploaded_files_name()
    {
        var bucket = await CreateBucketAsync("post-filename");

        using var response = await PostAsync(bucket, FormFor(bucket, "uploads/${filename}").Build(Body, "holiday photo.jpg"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["uploads/holiday photo.jpg"], await ListAllKeysAsync(bucket));
    }

    [Theory]
    [InlineData("200", HttpStatusCode.OK)]
    [InlineData("201", HttpStatusCode.Created)]
    [InlineData("204", HttpStatusCode.NoContent)]
    [InlineData("302", HttpStatusCode.NoContent)]
    public async Task Success_action_status_picks_the_answer(string asked, HttpStatusCode expected)
    {
        var bucket = await CreateBucketAsync("post-status");
        var form = FormFor(bucket, "uploads/a b.txt").Covered("success_action_status", asked);

        using var response = await PostAsync(bucket, form.Build(Body));

        Assert.Equal(expected, response.StatusCode);
        var etag = "\"" + TestChecksums.Md5Hex(Body) + "\"";
        Assert.Equal(etag, response.Headers.ETag?.Tag);
        var text = await response.Content.ReadAsStringAsync();
        if (expected != HttpStatusCode.Created)
        {
            Assert.Empty(text);
            return;
        }

        var document = XElement.Parse(text);
        Assert.Equal("PostResponse", document.Name.LocalName);
        Assert.Equal(bucket, document.Element("Bucket")?.Value);
        Assert.Equal("uploads/a b.txt", document.Element("Key")?.Value);
        Assert.Equal(etag, document.Element("ETag")?.Value);
        Assert.Equal(new Uri(Fixture.BaseAddress, $"{bucket}/uploads/a%20b.txt").AbsoluteUri, document.Element("Location")?.Value);
    }

    [Fact]
    public async Task Success_action_redirect_answers_303_to_the_url_with_bucket_key_and_etag()
    {
        var bucket = await CreateBucketAsync("post-redirect");
        var form = FormFor(bucket, "uploads/r.txt").Covered("success_action_redirect", "https://app.example/done?from=form");

        using var response = await PostAsync(bucket, form.Build(Body));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://app.example/done", location.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("form", query["from"]);
        Assert.Equal(bucket, query["bucket"]);
        Assert.Equal("uploads/r.txt", query["key"]);
        Assert.Equal("\"" + TestChecksums.Md5Hex(Body) + "\"", query["etag"]);
        Assert.True(await ExistsAsync(bucket, "uploads/r.txt"));
    }

    [Fact]
    public async Task An_unusable_redirect_falls_back_to_the_status_answer()
    {
        var bucket = await CreateBucketAsync("post-badredirect");
        var form = FormFor(bucket).Covered("success_action_redirect", "not a url").Covered("success_action_status", "200");

        using var response = await PostAsync(bucket, form.Build(Body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Fields_after_the_file_are_ignored()
    {
        var bucket = await CreateBucketAsync("post-after");
        var form = FormFor(bucket).FieldAfterFile("x-amz-meta-late", "ignored").FieldAfterFile("acl", "public-read");

        using var response = await PostAsync(bucket, form.Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var head = await S3.GetObjectMetadataAsync(bucket, "uploads/a.bin");
        Assert.Empty(head.Metadata.Keys);
    }

    [Fact]
    public async Task A_key_sent_after_the_file_does_not_count_because_the_file_must_be_last()
    {
        var bucket = await CreateBucketAsync("post-order");
        var form = Form().FieldAfterFile("key", "uploads/a.bin");
        form.Conditions.Add("[\"starts-with\", \"$key\", \"\"]");

        using var response = await PostAsync(bucket, form.Build(Body));

        var error = await RefusedAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal("key", error.Element("ArgumentName")?.Value);
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task A_form_without_a_file_is_IncorrectNumberOfFilesInPostRequest()
    {
        var bucket = await CreateBucketAsync("post-nofile");

        using var response = await PostAsync(bucket, FormFor(bucket).Build((HttpContent?)null));

        await RefusedAsync(response, HttpStatusCode.BadRequest, "IncorrectNumberOfFilesInPostRequest");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task Fields_larger_than_the_bound_before_the_file_are_MaxPostPreDataLengthExceededError()
    {
        var bucket = await CreateBucketAsync("post-bigfields");
        var form = FormFor(bucket).Field("x-ignore-padding", new string('p', 21 * 1024));

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.BadRequest, "MaxPostPreDataLengthExceededError");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused_as_S3_refuses_it()
    {
        var bucket = await CreateBucketAsync("post-notform");

        using var response = await Http.PostAsync(bucket, new StringContent("key=a", Encoding.UTF8, "application/x-www-form-urlencoded"));

        var error = await RefusedAsync(response, HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Equal("Bucket POST must be of the enclosure-type multipart/form-data", error.Element("Condition")?.Value);
    }

    [Fact]
    public async Task A_file_part_cut_off_before_its_boundary_is_MalformedPOSTRequest_and_nothing_is_stored()
    {
        var bucket = await CreateBucketAsync("post-truncated");
        var whole = await FormFor(bucket).Build(Body).ReadAsByteArrayAsync();
        var cut = whole[..^60];
        var content = new ByteArrayContent(cut);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=" + BoundaryOf(whole));

        using var response = await Http.PostAsync(bucket, content);

        await RefusedAsync(response, HttpStatusCode.BadRequest, "MalformedPOSTRequest");
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task A_tagging_field_tags_the_object()
    {
        var bucket = await CreateBucketAsync("post-tagging");
        var form = FormFor(bucket).Covered("tagging", "<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>");

        using var response = await PostAsync(bucket, form.Build(Body));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var tags = await S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "uploads/a.bin" });
        Assert.Equal([("a", "b")], tags.Tagging.Select(t => (t.Key, t.Value)));
    }

    [Theory]
    [InlineData("<Tagging><TagSet><Tag><Key>a#b</Key><Value>1</Value></Tag></TagSet></Tagging>", "InvalidTag")]
    [InlineData("a=b", "MalformedXML")]
    public async Task A_bad_tagging_field_is_refused_and_nothing_is_stored(string tagging, string code)
    {
        var bucket = await CreateBucketAsync("post-tagging-bad");
        var form = FormFor(bucket).Covered("tagging", tagging);

        using var response = await PostAsync(bucket, form.Build(Body));

        await RefusedAsync(response, HttpStatusCode.BadRequest, code);
        await AssertEmptyAsync(bucket);
    }

    [Fact]
    public async Task A_cross_origin_form_gets_the_buckets_CORS_headers()
    {
        var bucket = await CreateBucketAsync("post-cors");
        await S3.PutCORSConfigurationAsync(bucket, new CORSConfiguration
        {
            Rules = [new CORSRule { AllowedOrigins = ["https://app.example"], AllowedMethods = ["POST"], ExposeHeaders = ["ETag"] }],
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, bucket) { Content = FormFor(bucket).Build(Body) };
        request.Headers.Add("Origin", "https://app.example");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://app.example", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    private static string BoundaryOf(byte[] form)
    {
        var text = Encoding.UTF8.GetString(form);
        return text[2..text.IndexOf("\r\n", StringComparison.Ordinal)];
    }
}
