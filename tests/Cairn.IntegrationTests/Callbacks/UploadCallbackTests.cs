using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Microsoft.AspNetCore.Http;
using static Cairn.IntegrationTests.Management.ManagementClient;

namespace Cairn.IntegrationTests.Callbacks;

/// <summary>
/// Upload callbacks end to end against an app server on 127.0.0.1 (allowed by <c>Cairn:Oss:Callback:AllowedHosts</c>):
/// the app server verifies Cairn's signature with the key it fetches from the announced URL and its JSON becomes the
/// uploader's answer; when the app server fails, the uploader gets 203 CallbackFailed and the object is kept; a
/// malformed callback or a refused target stores nothing.
/// </summary>
public sealed class UploadCallbackTests(UploadCallbackTests.Server fixture) : CallbackTestBase(fixture), IClassFixture<UploadCallbackTests.Server>
{
    private const int TimeoutSeconds = 3;

    public sealed class Server : CairnServerFixture
    {
        protected override void Configure(CairnOptions options)
        {
            options.Oss.Callback.AllowedHosts = "127.0.0.1";
            options.Oss.Callback.Timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        }
    }

    [Fact]
    public async Task The_app_server_verifies_the_signed_form_callback_and_its_JSON_is_the_uploaders_answer()
    {
        await using var app = await CallbackAppServer.StartAsync();
        var bucket = await CreateBucketAsync("cb-form");
        var callback = Callback(new Uri(app.Address, "/notify.php?id=1&index=2").ToString(),
            "bucket=${bucket}&object=${object}&etag=${etag}&size=${size}&mimeType=${mimeType}&my_var=${x:my_var}&h=${imageInfo.height}");
        var variables = Encode(new Dictionary<string, string> { ["x:my_var"] = "a b&c=d" });

        using var response = await PutWithCallbackAsync(bucket, "photos/cat 1.txt", "hello"u8.ToArray(), callback, variables);

        var answer = await JsonAnswerAsync(response);
        var md5 = Convert.ToHexStringLower(MD5.HashData("hello"u8));
        Assert.True(answer.GetProperty("verified").GetBoolean());
        Assert.Equal($"bucket={bucket}&object=photos%2Fcat%201.txt&etag={md5}&size=5&mimeType=text%2Fplain&my_var=a%20b%26c%3Dd&h=",
            answer.GetProperty("received").GetString());
        Assert.Equal($"\"{md5}\"", response.Headers.ETag?.Tag);

        var received = Assert.Single(app.Received);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/notify.php?id=1&index=2", received.RawTarget);
        Assert.Equal("application/x-www-form-urlencoded", received.ContentType);
        Assert.Equal($"{Fixture.BaseAddress.Scheme}://{Fixture.BaseAddress.Authority}/_cairn/oss/callback-public-key.pem", received.PublicKeyUrl);
        Assert.Equal("hello", await GetTextAsync(bucket, "photos/cat 1.txt"));
    }

    [Fact]
    public async Task A_JSON_callback_gets_JSON_values_and_the_Host_the_client_named()
    {
        await using var app = await CallbackAppServer.StartAsync();
        var bucket = await CreateBucketAsync("cb-json");
        var callback = Callback(new Uri(app.Address, "/cb").ToString(),
            """{"bucket":${bucket},"object":${object},"size":${size},"mimeType":${mimeType},"note":${x:note},"op":${operation}}""",
            bodyType: "application/json", host: "app.example.com");
        var variables = Encode(new Dictionary<string, string> { ["x:note"] = "say \"hi\"\n" });

        using var response = await PutWithCallbackAsync(bucket, "doc.json", new byte[1234], callback, variables, contentType: "application/octet-stream");

        var answer = await JsonAnswerAsync(response);
        Assert.True(answer.GetProperty("verified").GetBoolean());
        var received = Assert.Single(app.Received);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("app.example.com", received.Host);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(bucket, body.RootElement.GetProperty("bucket").GetString());
        Assert.Equal("doc.json", body.RootElement.GetProperty("object").GetString());
        Assert.Equal(1234, body.RootElement.GetProperty("size").GetInt64());
        Assert.Equal("application/octet-stream", body.RootElement.GetProperty("mimeType").GetString());
        Assert.Equal("say \"hi\"\n", body.RootElement.GetProperty("note").GetString());
        Assert.Equal("PutObject", body.RootElement.GetProperty("op").GetString());
    }

    [Fact]
    public async Task With_the_app_server_down_the_uploader_gets_203_CallbackFailed_and_the_object_is_kept()
    {
        var bucket = await CreateBucketAsync("cb-down");

        using var response = await PutWithCallbackAsync(bucket, "kept.txt", "data"u8.ToArray(), Callback(ClosedPort().ToString(), "o=${object}"));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.NonAuthoritativeInformation, "CallbackFailed");
        Assert.StartsWith("Error status : -1.", error.Element("Message")?.Value, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("data", await GetTextAsync(bucket, "kept.txt"));
    }

    [Theory]
    [InlineData(500, "{}", "Error status : 500.")]
    [InlineData(302, "{}", "Error status : 302.")]
    [InlineData(200, "<html>not json</html>", "not valid JSON")]
    public async Task An_app_server_answer_that_is_not_200_with_JSON_is_203_CallbackFailed(int status, string body, string message)
    {
        await using var app = await CallbackAppServer.StartAsync(async (_, _, context) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = "http://127.0.0.1:1/elsewhere";
            await context.Response.WriteAsync(body);
        });
        var bucket = await CreateBucketAsync("cb-bad");

        using var response = await PutWithCallbackAsync(bucket, "k", "x"u8.ToArray(), Callback(app.Address.ToString(), "o=${object}"));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.NonAuthoritativeInformation, "CallbackFailed");
        Assert.Contains(message, error.Element("Message")?.Value, StringComparison.Ordinal);
        Assert.Single(app.Received);
        Assert.True(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task An_answer_over_1_MiB_is_203_CallbackFailed()
    {
        await using var app = await CallbackAppServer.StartAsync(async (_, _, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("\"" + new string('a', 1024 * 1024) + "\"");
        });
        var bucket = await CreateBucketAsync("cb-large");

        using var response = await PutWithCallbackAsync(bucket, "k", "x"u8.ToArray(), Callback(app.Address.ToString(), "o=${object}"));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.NonAuthoritativeInformation, "CallbackFailed");
        Assert.Contains("longer than 1048576 bytes", error.Element("Message")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_server_slower_than_the_timeout_is_203_CallbackFailed_and_the_object_is_kept()
    {
        await using var app = await CallbackAppServer.StartAsync(CallbackAppServer.Hang);
        var bucket = await CreateBucketAsync("cb-slow");
        var started = DateTime.UtcNow;

        using var response = await PutWithCallbackAsync(bucket, "slow.txt", "x"u8.ToArray(), Callback(app.Address.ToString(), "o=${object}"));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.NonAuthoritativeInformation, "CallbackFailed");
        Assert.Contains($"did not answer within {TimeoutSeconds} seconds", error.Element("Message")?.Value, StringComparison.Ordinal);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(TimeoutSeconds - 0.5), TimeSpan.FromSeconds(TimeoutSeconds + 20));
        Assert.True(await ExistsAsync(bucket, "slow.txt"));
    }

    [Fact]
    public async Task The_urls_are_tried_in_order_until_one_answers()
    {
        await using var app = await CallbackAppServer.StartAsync();
        var bucket = await CreateBucketAsync("cb-order");

        using var response = await PutWithCallbackAsync(bucket, "k", "x"u8.ToArray(), Callback($"{ClosedPort()};{app.Address}second", "o=${object}"));

        var answer = await JsonAnswerAsync(response);
        Assert.Equal("o=k", answer.GetProperty("received").GetString());
        Assert.Equal("/second", Assert.Single(app.Received).RawTarget);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address")]
    [InlineData("http://127.0.0.2:8080/", "127.0.0.2 is a loopback address")]
    [InlineData("http://[::ffff:127.0.0.3]/", "127.0.0.3 is a loopback address")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata service")]
    [InlineData("http://203.0.113.9/;http://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata address")]
    public async Task A_callback_to_a_refused_address_is_400_InvalidArgument_and_nothing_is_stored(string url, string rule)
    {
        var bucket = await CreateBucketAsync("cb-refused");

        using var response = await PutWithCallbackAsync(bucket, "k", "x"u8.ToArray(), Callback(url, "o=${object}"));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains(rule, error.Element("Message")?.Value, StringComparison.Ordinal);
        Assert.Equal("x-oss-callback", error.Element("ArgumentName")?.Value);
        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Theory]
    [InlineData("%%%not-base64%%%", null, "not valid base64")]
    [InlineData("eyJjYWxsYmFja1VybCI6", null, "not base64 of a JSON document")] // {"callbackUrl":
    [InlineData("unknown-variable", null, "not a callback variable")]
    [InlineData("undeclared-variable", null, "does not define")]
    [InlineData("good", "upper-case-variable", "lower case")]
    [InlineData("good", "not-base64", "not valid base64")]
    public async Task A_malformed_callback_is_400_InvalidArgument_and_nothing_is_stored(string callback, string? variables, string message)
    {
        var url = "http://127.0.0.1:9/";
        var encodedCallback = callback switch
        {
            "unknown-variable" => Callback(url, "a=${filename}"),
            "undeclared-variable" => Callback(url, "a=${x:missing}"),
            "good" => Callback(url, "a=${bucket}"),
            _ => callback,
        };
        var encodedVariables = variables switch
        {
            "upper-case-variable" => Encode(new Dictionary<string, string> { ["x:MyVar"] = "v" }),
            "not-base64" => "@@@",
            _ => null,
        };
        var bucket = await CreateBucketAsync("cb-bad-input");

        using var response = await PutWithCallbackAsync(bucket, "k", "x"u8.ToArray(), encodedCallback, encodedVariables);

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains(message, error.Element("Message")?.Value, StringComparison.Ordinal);
        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task A_callback_in_the_query_works_and_two_carriers_are_refused()
    {
        await using var app = await CallbackAppServer.StartAsync();
        var bucket = await CreateBucketAsync("cb-query");
        var callback = Callback(app.Address.ToString(), "o=${object}");
        var path = RawS3Client.ObjectPath(bucket, "q") + "?callback=" + Uri.EscapeDataString(callback);

        using (var response = await Raw.SendAsync(HttpMethod.Put, path, "x"u8.ToArray()))
        {
            Assert.Equal("o=q", (await JsonAnswerAsync(response)).GetProperty("received").GetString());
        }

        using var both = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "both") + "?callback=" + Uri.EscapeDataString(callback),
            "x"u8.ToArray(), request => request.Headers.TryAddWithoutValidation("x-oss-callback", callback));
        await S3Assert.ErrorAsync(both, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.False(await ExistsAsync(bucket, "both"));
    }

    [Fact]
    public async Task CompleteMultipartUpload_calls_back_with_the_whole_objects_size()
    {
        await using var app = await CallbackAppServer.StartAsync();
        var bucket = await CreateBucketAsync("cb-multipart");
        var upload = await S3.InitiateMultipartUploadAsync(bucket, "big.bin");
        var part1 = await S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "big.bin", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[5 * 1024 * 1024]),
        });
        var part2 = await S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "big.bin", UploadId = upload.UploadId, PartNumber = 2, InputStream = new MemoryStream(new byte[100]),
        });
        var complete = $"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{part1.ETag}</ETag></Part>"
            + $"<Part><PartNumber>2</PartNumber><ETag>{part2.ETag}</ETag></Part></CompleteMultipartUpload>";
        var callback = Callback(app.Address.ToString(), """{"size":${size},"etag":${etag},"op":${operation}}""", bodyType: "application/json");

        using var response = await Raw.SendAsync(HttpMethod.Post, RawS3Client.ObjectPath(bucket, "big.bin") + "?uploadId=" + Uri.EscapeDataString(upload.UploadId),
            Encoding.UTF8.GetBytes(complete), request => request.Headers.TryAddWithoutValidation("x-oss-callback", callback));

        var answer = await JsonAnswerAsync(response);
        Assert.True(answer.GetProperty("verified").GetBoolean());
        using var received = JsonDocument.Parse(answer.GetProperty("received").GetString()!);
        Assert.Equal(5 * 1024 * 1024 + 100, received.RootElement.GetProperty("size").GetInt64());
        Assert.EndsWith("-2", received.RootElement.GetProperty("etag").GetString(), StringComparison.Ordinal);
        Assert.Equal("CompleteMultipartUpload", received.RootElement.GetProperty("op").GetString());
        Assert.Equal(5 * 1024 * 1024 + 100, (await S3.GetObjectMetadataAsync(bucket, "big.bin")).ContentLength);
    }

    [Fact]
    public async Task A_form_upload_calls_back_with_its_x_fields()
    {
        await using var app = await CallbackAppServer.StartAsync();
        var bucket = await CreateBucketAsync("cb-post");
        var form = new PostFormBuilder(Fixture.AccessKey, Fixture.SecretKey).Covered("key", "uploads/f.txt")
            .Covered("callback", Callback(app.Address.ToString(), "o=${object}&who=${x:who}&op=${operation}"))
            .Covered("x:who", "ann");
        form.Conditions.Add($"{{\"bucket\": \"{bucket}\"}}");
        using var http = new HttpClient { BaseAddress = Fixture.BaseAddress };

        using var response = await http.PostAsync(bucket, form.Build("form data"u8.ToArray()));

        var answer = await JsonAnswerAsync(response);
        Assert.True(answer.GetProperty("verified").GetBoolean());
        Assert.Equal("o=uploads%2Ff.txt&who=ann&op=PostObject", answer.GetProperty("received").GetString());
        Assert.Equal("form data", await GetTextAsync(bucket, "uploads/f.txt"));
    }

    [Fact]
    public async Task The_public_key_is_served_anonymously_and_callbacks_are_counted_in_metrics()
    {
        using (var key = await Raw.SendAnonymousAsync(HttpMethod.Get, "/_cairn/oss/callback-public-key.pem"))
        {
            Assert.Equal(HttpStatusCode.OK, key.StatusCode);
            Assert.StartsWith("-----BEGIN PUBLIC KEY-----", await key.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var app = await CallbackAppServer.StartAsync();
        var bucket = await CreateBucketAsync("cb-metrics");
        var management = Fixture.Host.ManagementAddress!;
        var before = await MetricsAsync(management);

        (await PutWithCallbackAsync(bucket, "ok", "x"u8.ToArray(), Callback(app.Address.ToString(), "o=${object}"))).Dispose();
        (await PutWithCallbackAsync(bucket, "down", "x"u8.ToArray(), Callback(ClosedPort().ToString(), "o=${object}"))).Dispose();

        var after = await MetricsAsync(management);
        double Added(string series) => (Sample(after, series) ?? 0) - (Sample(before, series) ?? 0);
        Assert.Equal(2, Added("cairn_upload_callbacks_attempted_total"));
        Assert.Equal(1, Added("cairn_upload_callbacks_succeeded_total"));
        Assert.Equal(1, Added("cairn_upload_callbacks_failed_total{reason=\"connect\"}"));
        Assert.Equal(2, Added("cairn_upload_callback_duration_seconds_count"));
    }
}
