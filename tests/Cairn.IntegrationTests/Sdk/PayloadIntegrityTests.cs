using System.Globalization;
using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Payload modes over raw HTTP (docs/s3-compatibility.md "Payload modes"): a hex x-amz-content-sha256 that does not match the body,
/// signed aws-chunked bodies with one bad chunk, unsigned aws-chunked bodies with a checksum trailer. Nothing may become visible: the
/// signature is verified before data becomes visible (docs/architecture.md "PutObject").
/// </summary>
public sealed class PayloadIntegrityTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const int ChunkSize = 64 * 1024;
    private static readonly byte[] Body = DeterministicStream.Slice(21, 0, (3 * ChunkSize) + 1234); // 4 data chunks

    public PayloadIntegrityTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task PutObject_WithMatchingHexContentSha256_Succeeds()
    {
        var bucket = await CreateBucketAsync("sha-ok");

        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), Body, payloadHash: TestChecksums.Sha256Hex(Body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Body, await GetBytesAsync(bucket, "k"));
    }

    [Fact]
    public async Task PutObject_WithMismatchedHexContentSha256_FailsWithXAmzContentSHA256MismatchAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("sha-bad");
        var hashOfOtherBody = TestChecksums.Sha256Hex(Encoding.UTF8.GetBytes("some other body"));

        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), Body, payloadHash: hashOfOtherBody);

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "XAmzContentSHA256Mismatch");
        Assert.False(await ExistsAsync(bucket, "k"));
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task PutObject_WithMismatchedHexContentSha256OverExisting_KeepsPreviousObject()
    {
        var bucket = await CreateBucketAsync("sha-keep");
        await PutTextAsync(bucket, "k", "original");

        using var response = await Raw.SendAsync(
            HttpMethod.Put,
            RawS3Client.ObjectPath(bucket, "k"),
            Body,
            payloadHash: TestChecksums.Sha256Hex(Encoding.UTF8.GetBytes("different")));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "XAmzContentSHA256Mismatch");
        Assert.Equal("original", await GetTextAsync(bucket, "k"));
    }

    [Fact]
    public async Task PutObject_UnsignedPayload_Succeeds()
    {
        var bucket = await CreateBucketAsync("unsigned");

        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), Body, payloadHash: RawS3Signer.UnsignedPayload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Body, await GetBytesAsync(bucket, "k"));
    }

    [Fact]
    public async Task PutObject_AwsChunkedWithValidChunkSignatures_StoresDecodedBody()
    {
        var bucket = await CreateBucketAsync("chunked-ok");

        using var response = await SendChunkedAsync(bucket, "chunked", corruptChunk: null, tamperChunk: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"" + TestChecksums.Md5Hex(Body) + "\"", response.Headers.ETag?.ToString());
        Assert.Equal(Body, await GetBytesAsync(bucket, "chunked"));
        var head = await S3.GetObjectMetadataAsync(bucket, "chunked");
        Assert.Null(head.Headers.ContentEncoding); // "aws-chunked" is framing, not a stored encoding
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)] // the final zero-length chunk
    public async Task PutObject_AwsChunkedWithOneBadChunkSignature_FailsWithSignatureDoesNotMatchAndStoresNothing(int chunk)
    {
        var bucket = await CreateBucketAsync("chunked-bad-sig");

        using var response = await SendChunkedAsync(bucket, "chunked", corruptChunk: chunk, tamperChunk: null);

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.False(await ExistsAsync(bucket, "chunked"));
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task PutObject_AwsChunkedWithAlteredChunkData_FailsWithSignatureDoesNotMatchAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("chunked-tamper");

        using var response = await SendChunkedAsync(bucket, "chunked", corruptChunk: null, tamperChunk: 1);

        await S3Assert.ErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.False(await ExistsAsync(bucket, "chunked"));
    }

    [Fact]
    public async Task PutObject_UnsignedPayloadTrailerWithCrc32_StoresBodyAndChecksum()
    {
        var bucket = await CreateBucketAsync("trailer-ok");

        using var response = await SendUnsignedTrailerAsync(bucket, "t", TestChecksums.Crc32(Body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Body, await GetBytesAsync(bucket, "t"));
        var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "t", ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(TestChecksums.Crc32(Body), head.ChecksumCRC32);
        Assert.Null(head.Headers.ContentEncoding);
    }

    [Fact]
    public async Task PutObject_UnsignedPayloadTrailerWithWrongCrc32_FailsWithBadDigestAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("trailer-bad");

        using var response = await SendUnsignedTrailerAsync(bucket, "t", "AAAAAA==");

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "BadDigest");
        Assert.False(await ExistsAsync(bucket, "t"));
    }

    private async Task<HttpResponseMessage> SendUnsignedTrailerAsync(string bucket, string key, string crc32)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Raw.Url(RawS3Client.ObjectPath(bucket, key)));
        request.Headers.TryAddWithoutValidation("x-amz-decoded-content-length", Body.Length.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-amz-trailer", "x-amz-checksum-crc32");
        request.Headers.TryAddWithoutValidation("x-amz-sdk-checksum-algorithm", "CRC32");
        Raw.Signer.Sign(request, "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        request.Content = new ByteArrayContent(RawS3Signer.EncodeUnsignedWithTrailer(Body, ChunkSize, "x-amz-checksum-crc32", crc32));
        request.Content.Headers.ContentEncoding.Add("aws-chunked");
        return await Raw.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendChunkedAsync(string bucket, string key, int? corruptChunk, int? tamperChunk)
    {
        var time = DateTimeOffset.UtcNow;
        var request = new HttpRequestMessage(HttpMethod.Put, Raw.Url(RawS3Client.ObjectPath(bucket, key)));
        request.Headers.TryAddWithoutValidation("x-amz-decoded-content-length", Body.Length.ToString(CultureInfo.InvariantCulture));
        var seed = Raw.Signer.Sign(request, RawS3Signer.StreamingPayload, time);
        var encoded = Raw.Signer.EncodeChunked(Body, ChunkSize, seed, time, corruptChunk, tamperChunk);
        request.Content = new ByteArrayContent(encoded);
        request.Content.Headers.ContentEncoding.Add("aws-chunked");
        return await Raw.Http.SendAsync(request);
    }
}
