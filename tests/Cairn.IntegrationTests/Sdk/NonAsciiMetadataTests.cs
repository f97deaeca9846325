using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Clients;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Headers stored with an object and sent back on GET/HEAD (user metadata, Content-Disposition...) whose values are
/// not ASCII: the object stays readable and the bytes that come back are the bytes that were sent, whatever
/// encoding the client used (UTF-8, Latin-1, an RFC 2047 encoded word); a value no header can carry is refused
/// up front instead of making the object unreadable.
/// </summary>
public sealed class NonAsciiMetadataTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private readonly ITestOutputHelper _output;

    public NonAsciiMetadataTests(CairnServerFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _output = output;
    }

    /// <summary>
    /// A header injected in a botocore hook, as users do for metadata the API would not let through: botocore signs
    /// its text and sends it as UTF-8. The PUT must verify, and GET/HEAD must answer 200 with the bytes that were
    /// sent (the field case: the PUT was accepted and every read of the object then failed with 500).
    /// </summary>
    [SkippableFact]
    public async Task Boto3_MetadataInjectedInAHook_IsAcceptedAndReadBackByteForByte()
    {
        var bucket = await CreateBucketAsync("meta-boto3");
        using var boto3 = new Boto3Script(Fixture, _output);

        var result = await boto3.RunAsync("""
            import http.client
            bucket = sys.argv[2]
            sent = []
            plain_send = http.client.HTTPConnection.send
            def recording_send(self, data):
                if isinstance(data, (bytes, bytearray)):
                    sent.append(bytes(data))
                return plain_send(self, data)
            http.client.HTTPConnection.send = recording_send

            def inject(params, **kwargs):
                params["headers"]["x-amz-meta-meta1"] = "Hello World\xe9"
            s3.meta.events.register("before-call.s3.PutObject", inject)

            out = {"put": outcome(lambda: s3.put_object(Bucket=bucket, Key="k", Body=b"body"))}
            wire = b"".join(sent)
            start = wire.find(b"\r\nx-amz-meta-meta1:")
            out["sent"] = wire[start + 2:wire.find(b"\r\n", start + 2)].split(b":", 1)[1].strip().hex() if start >= 0 else None
            got = s3.get_object(Bucket=bucket, Key="k")
            out["get_status"] = got["ResponseMetadata"]["HTTPStatusCode"]
            out["get_body"] = got["Body"].read().decode()
            # http.client decodes header values as Latin-1: encoding them back gives the bytes received.
            out["get_header"] = got["ResponseMetadata"]["HTTPHeaders"]["x-amz-meta-meta1"].encode("latin-1").hex()
            head = s3.head_object(Bucket=bucket, Key="k")
            out["head_status"] = head["ResponseMetadata"]["HTTPStatusCode"]
            out["head_header"] = head["ResponseMetadata"]["HTTPHeaders"]["x-amz-meta-meta1"].encode("latin-1").hex()
            print(json.dumps(out))
            """, bucket);

        const string text = "Hello World\u00e9";
        var sent = result.GetProperty("sent").GetString();
        Assert.Equal("ok", result.GetProperty("put").GetString());
        Assert.Contains(sent, new[] { Encoding.UTF8, Encoding.Latin1 }.Select(e => Convert.ToHexStringLower(e.GetBytes(text))));
        Assert.Equal(200, result.GetProperty("get_status").GetInt32());
        Assert.Equal("body", result.GetProperty("get_body").GetString());
        Assert.Equal(sent, result.GetProperty("get_header").GetString());
        Assert.Equal(200, result.GetProperty("head_status").GetInt32());
        Assert.Equal(sent, result.GetProperty("head_header").GetString());
    }

    /// <summary>
    /// The same text sent as Latin-1 bytes or as UTF-8 bytes, signed over that text: both verify, and GET and HEAD
    /// answer 200 with exactly the bytes sent.
    /// </summary>
    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("utf-8")]
    public async Task RawPut_NonAsciiMetadataBytes_GetAndHeadReturnTheSameBytes(string encodingName)
    {
        var bucket = await CreateBucketAsync("meta-raw");
        var encoding = Encoding.GetEncoding(encodingName);
        const string text = "Hello World\u00e9 \u00fcber";
        var body = Encoding.UTF8.GetBytes("body");

        var put = await SendAsync("PUT", RawS3Client.ObjectPath(bucket, "k"), body, encoding, KeyValuePair.Create("x-amz-meta-meta1", text));

        Assert.True(put.Status == 200, $"PUT with {encodingName} metadata: {put}");
        foreach (var method in new[] { "GET", "HEAD" })
        {
            var read = await SendAsync(method, RawS3Client.ObjectPath(bucket, "k"));
            Assert.True(read.Status == 200, $"{method} of an object with {encodingName} metadata: {read}");
            Assert.Equal(encoding.GetBytes(text), read.HeaderBytes("x-amz-meta-meta1"));
        }
    }

    /// <summary>
    /// AWSSDK.S3 leaves metadata values as they are and its default HttpClient refuses non-ASCII header values
    /// before sending; an application whose HttpClient sends headers as UTF-8 gets them signed over that UTF-8, and
    /// must read back the same text.
    /// </summary>
    [Fact]
    public async Task Sdk_NonAsciiMetadataSentAsUtf8_ReadsBackTheSameText()
    {
        var bucket = await CreateBucketAsync("meta-sdk");
        const string text = "Grüße, café, 日本語";
        using var s3 = Fixture.CreateClient(c => c.HttpClientFactory = new Utf8HeadersHttpClientFactory());

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", InputStream = new MemoryStream([1, 2, 3]), Metadata = { ["greeting"] = text } });

        var head = await s3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal(text, head.Metadata["greeting"]);
        using var get = await s3.GetObjectAsync(bucket, "k");
        Assert.Equal(text, get.Metadata["greeting"]);
        var raw = await SendAsync("HEAD", RawS3Client.ObjectPath(bucket, "k"));
        Assert.Equal(Encoding.UTF8.GetBytes(text), raw.HeaderBytes("x-amz-meta-greeting"));
    }

    [Fact]
    public async Task Rfc2047EncodedWord_ComesBackExactlyAsSent()
    {
        var bucket = await CreateBucketAsync("meta-rfc2047");
        const string word = "=?UTF-8?B?w6k=?=";

        using (var put = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), [1], r => r.Headers.TryAddWithoutValidation("x-amz-meta-word", word)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var read = await SendAsync("GET", RawS3Client.ObjectPath(bucket, "k"));
        Assert.Equal(200, read.Status);
        Assert.Equal(Encoding.ASCII.GetBytes(word), read.HeaderBytes("x-amz-meta-word"));
    }

    [Fact]
    public async Task ContentDisposition_WithRawUtf8FileName_RoundTripsByteExact()
    {
        var bucket = await CreateBucketAsync("disposition");
        const string disposition = "attachment; filename=\"résumé 日本.pdf\"";

        var put = await SendAsync("PUT", RawS3Client.ObjectPath(bucket, "cv"), [1, 2], Encoding.UTF8, KeyValuePair.Create("Content-Disposition", disposition));

        Assert.True(put.Status == 200, put.ToString());
        foreach (var method in new[] { "GET", "HEAD" })
        {
            var read = await SendAsync(method, RawS3Client.ObjectPath(bucket, "cv"));
            Assert.True(read.Status == 200, $"{method}: {read}");
            Assert.Equal(Encoding.UTF8.GetBytes(disposition), read.HeaderBytes("Content-Disposition"));
        }
    }

    [Fact]
    public async Task MetadataWithControlCharacter_FailsWithInvalidArgumentAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("meta-control");

        var put = await SendAsync("PUT", RawS3Client.ObjectPath(bucket, "k"), [1], Encoding.Latin1, KeyValuePair.Create("x-amz-meta-x", "a\u0004b"));

        Assert.True(put.Status == 400 && put.ErrorCode() == "InvalidArgument", put.ToString());
        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task ResponseContentDisposition_WithNonAsciiText_IsSentAsItsUtf8Bytes()
    {
        var bucket = await CreateBucketAsync("response-override");
        await PutTextAsync(bucket, "k", "v");
        const string disposition = "attachment; filename=\"naïve €.txt\"";

        var read = await SendAsync("GET", RawS3Client.ObjectPath(bucket, "k") + "?response-content-disposition=" + Uri.EscapeDataString(disposition));

        Assert.True(read.Status == 200, read.ToString());
        Assert.Equal(Encoding.UTF8.GetBytes(disposition), read.HeaderBytes("Content-Disposition"));
    }

    /// <summary>One signed request on a fresh raw connection; header values written with <paramref name="encoding"/>.</summary>
    private async Task<RawHttpResponse> SendAsync(
        string method, string pathAndQuery, byte[]? body = null, Encoding? encoding = null, params KeyValuePair<string, string>[] headers)
    {
        await using var connection = await RawHttpConnection.OpenAsync(Fixture.BaseAddress);
        var head = RawHttpConnection.SignedHead(
            Raw.Signer, method, Raw.Url(pathAndQuery), headers, body?.Length, TestChecksums.Sha256Hex(body ?? []), encoding);
        await connection.WriteAsync(head.Concat(body ?? []).ToArray());
        return await connection.ReadResponseAsync(head: method == "HEAD");
    }

    /// <summary>HttpClients that write and read header values as UTF-8 instead of refusing non-ASCII ones.</summary>
    private sealed class Utf8HeadersHttpClientFactory : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new SocketsHttpHandler
        {
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
            ResponseHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        });
    }
}
