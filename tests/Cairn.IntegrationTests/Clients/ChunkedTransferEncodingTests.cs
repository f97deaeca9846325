using System.Globalization;
using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.IntegrationTests.Multipart;
using Cairn.Server.Hosting;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// A body sent with <c>Transfer-Encoding: chunked</c> and no Content-Length (<c>curl -T -</c> from a pipe, SDK
/// streaming modes) is accepted and streamed: small ones stay inline, large ones become a blob, parts work the same
/// way. Before, all of these were refused with 411 MissingContentLength.
/// </summary>
public sealed class ChunkedTransferEncodingTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    private readonly ClientRunner _clients;

    public ChunkedTransferEncodingTests(CairnServerFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _clients = new ClientRunner(fixture, output);
    }

    [SkippableTheory]
    [InlineData(5_000)] // under the inline limit
    [InlineData(20 * 1024 * 1024)] // a blob
    public async Task CurlUploadFromPipe_IsStoredWithTheSameBytesAndMd5ETag(int size)
    {
        var bucket = await CreateBucketAsync("curl-pipe");
        var data = Data(size, seed: (ulong)size);

        var (status, headers, body) = await CurlPipeAsync(data, RawS3Client.ObjectPath(bucket, "piped.bin"));

        Assert.True(status == 200, $"curl -T - answered {status}: {body}");
        var etag = Quote(Md5Hex(data));
        Assert.Contains("ETag: " + etag, headers, StringComparison.OrdinalIgnoreCase);
        var head = await S3.GetObjectMetadataAsync(bucket, "piped.bin");
        Assert.Equal(size, head.ContentLength);
        Assert.Equal(etag, head.ETag);
        Assert.Equal(data, await GetBytesAsync(bucket, "piped.bin"));
    }

    [SkippableFact]
    public async Task CurlUploadPartFromPipe_CompletesIntoTheSameBytes()
    {
        var bucket = await CreateBucketAsync("curl-part");
        byte[][] parts = [Data(300 * 1024, seed: 61), Data(50 * 1024, seed: 62)];
        var uploadId = await InitiateAsync(bucket, "parts.bin");

        for (var i = 0; i < parts.Length; i++)
        {
            var query = $"?partNumber={i + 1}&uploadId={Uri.EscapeDataString(uploadId)}";
            var (status, headers, body) = await CurlPipeAsync(parts[i], RawS3Client.ObjectPath(bucket, "parts.bin") + query);
            Assert.True(status == 200, $"UploadPart {i + 1} via curl -T - answered {status}: {body}");
            Assert.Contains("ETag: " + Quote(Md5Hex(parts[i])), headers, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(parts.Select(p => (long)p.Length), (await ListAllPartsAsync(bucket, "parts.bin", uploadId)).Select(p => p.Size ?? -1));
        var done = await CompleteAsync(bucket, "parts.bin", uploadId, parts);
        Assert.Equal(ExpectedMultipartETag(parts), done.ETag);
        Assert.Equal(Concat(parts), await GetBytesAsync(bucket, "parts.bin"));
    }

    public override async Task DisposeAsync()
    {
        _clients.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// <c>cat file | curl -T -</c>, SigV4-signed by curl with an unsigned payload; asserts curl really sent the body
    /// chunked without a length. Returns the status, the response headers and body.
    /// </summary>
    private async Task<(int Status, string Headers, string Body)> CurlPipeAsync(byte[] data, string pathAndQuery)
    {
        var curl = ExternalTool.Require("curl");
        var input = Path.Combine(_clients.Root, "input-" + Guid.NewGuid().ToString("N")[..8]);
        var headersFile = input + ".headers";
        var bodyFile = input + ".body";
        await File.WriteAllBytesAsync(input, data);
        var command = string.Join(' ',
            "cat", ClientRunner.ShellQuote(input), "|",
            ClientRunner.ShellQuote(curl), "-sS", "-v", "-o", ClientRunner.ShellQuote(bodyFile), "-D", ClientRunner.ShellQuote(headersFile),
            "-w", "'%{http_code}'",
            "--aws-sigv4", "'aws:amz:us-east-1:s3'", "--user", ClientRunner.ShellQuote(Fixture.AccessKey + ":" + Fixture.SecretKey),
            "-H", "'x-amz-content-sha256: UNSIGNED-PAYLOAD'",
            "-T", "-", ClientRunner.ShellQuote(Raw.Url(pathAndQuery).ToString()));
        var result = await _clients.ShellAsync(command);
        result.EnsureSuccess("curl -T -");
        Assert.True(
            result.StandardError.Contains("> Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)
            && !result.StandardError.Contains("> Content-Length", StringComparison.OrdinalIgnoreCase),
            "curl did not send the body chunked without a length:\n" + result.Describe());
        var status = int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        return (status, await File.ReadAllTextAsync(headersFile), File.Exists(bodyFile) ? await File.ReadAllTextAsync(bodyFile) : string.Empty);
    }
}

/// <summary>A server whose PutObject limit (32 KiB) is below the inline size and whose part limit is 200 KiB.</summary>
public sealed class SmallUploadLimitServerFixture : CairnServerFixture
{
    public const int MaxPutObjectSize = 32 * 1024;
    public const int MaxPartSize = 200 * 1024;

    protected override void Configure(CairnOptions options)
    {
        options.Limits.MaxPutObjectSize = MaxPutObjectSize;
        options.Limits.MaxPartSize = MaxPartSize;
    }
}

/// <summary>
/// A chunked body without a length is held to the same size limits as one with a Content-Length: past the limit it
/// is EntityTooLarge and nothing is stored, whether it would have been inline or a blob.
/// </summary>
public sealed class ChunkedTransferEncodingLimitTests : MultipartTestBase, IClassFixture<SmallUploadLimitServerFixture>
{
    public ChunkedTransferEncodingLimitTests(SmallUploadLimitServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task ChunkedPut_UnderTheLimit_IsStored()
    {
        var bucket = await CreateBucketAsync("chunked-fits");
        var data = Data(SmallUploadLimitServerFixture.MaxPutObjectSize, seed: 70);

        using var response = await SendChunkedAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "fits"), data);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(data, await GetBytesAsync(bucket, "fits"));
    }

    [Theory]
    [InlineData(SmallUploadLimitServerFixture.MaxPutObjectSize + 1)] // small enough to be probed for inline storage
    [InlineData(2 * 1024 * 1024)] // streamed toward a blob
    public async Task ChunkedPut_OverTheLimit_IsEntityTooLargeAndStoresNothing(int size)
    {
        var bucket = await CreateBucketAsync("chunked-too-large");

        using var response = await SendChunkedAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "big"), Data(size, seed: 71));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "EntityTooLarge");
        Assert.False(await ExistsAsync(bucket, "big"));
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task ChunkedUploadPart_OverThePartLimit_IsEntityTooLargeAndStoresNoPart()
    {
        var bucket = await CreateBucketAsync("chunked-part-too-large");
        var uploadId = await InitiateAsync(bucket, "k");

        using var response = await SendChunkedAsync(
            HttpMethod.Put,
            RawS3Client.ObjectPath(bucket, "k") + "?partNumber=1&uploadId=" + Uri.EscapeDataString(uploadId),
            Data(SmallUploadLimitServerFixture.MaxPartSize + 1, seed: 72));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "EntityTooLarge");
        Assert.Empty(await ListAllPartsAsync(bucket, "k", uploadId));
        await S3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = "k", UploadId = uploadId });
    }

    /// <summary>A signed request (unsigned payload) whose body has no known length, so HttpClient sends it chunked.</summary>
    private async Task<HttpResponseMessage> SendChunkedAsync(HttpMethod method, string pathAndQuery, byte[] data)
    {
        var request = new HttpRequestMessage(method, Raw.Url(pathAndQuery))
        {
            Content = new StreamContent(new UnknownLengthStream(data)),
        };
        request.Headers.TransferEncodingChunked = true;
        Raw.Signer.Sign(request, RawS3Signer.UnsignedPayload);
        Assert.Null(request.Content.Headers.ContentLength);
        return await Raw.Http.SendAsync(request);
    }

    /// <summary>A readable stream that cannot tell its length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;
    }
}
