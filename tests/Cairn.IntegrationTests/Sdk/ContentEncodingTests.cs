using System.Globalization;
using System.Text;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Content-Encoding is stored as the client sent it, except for the aws-chunked token, which only describes the
/// framing of the upload: GET and HEAD return the remaining codings with their separators untouched, so a
/// client comparing the header it set with the one it reads back sees the same value.
/// </summary>
public sealed class ContentEncodingTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const string TrailerPayload = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    private static readonly byte[] Body = DeterministicStream.Slice(9, 0, 20_000);

    public ContentEncodingTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>
    /// The SDK's default upload is an aws-chunked body with a checksum trailer, sent with
    /// <c>Content-Encoding: deflate, gzip, aws-chunked</c>. The header is read back raw: the SDK itself exposes
    /// only the first coding of a list in <c>Headers.ContentEncoding</c>.
    /// </summary>
    [Fact]
    public async Task Sdk_PutObjectWithTwoCodings_GetReturnsThemAsSent()
    {
        var bucket = await CreateBucketAsync("encoding-sdk");

        await PutAsync(bucket, "k", Body, r => r.Headers.ContentEncoding = "deflate, gzip");

        foreach (var method in new[] { "GET", "HEAD" })
        {
            var read = await SendAsync(method, RawS3Client.ObjectPath(bucket, "k"));
            Assert.True(read.Status == 200 && read.Header("Content-Encoding") == "deflate, gzip", $"{method}: {read}");
        }

        Assert.Equal(Body, await GetBytesAsync(bucket, "k"));
    }

    [Theory]
    [InlineData("aws-chunked, deflate, gzip", "deflate, gzip")]
    [InlineData("deflate, gzip, aws-chunked", "deflate, gzip")]
    [InlineData("br,aws-chunked, gzip", "br, gzip")]
    [InlineData("deflate, gzip", "deflate, gzip")]
    public async Task AwsChunkedUpload_KeepsEveryOtherCodingExactlyAsSent(string sent, string stored)
    {
        var bucket = await CreateBucketAsync("encoding-chunked");
        var framed = RawS3Signer.EncodeUnsignedWithTrailer(Body, 8192, "x-amz-checksum-crc32", TestChecksums.Crc32(Body));

        var put = await SendAsync("PUT", RawS3Client.ObjectPath(bucket, "k"), framed, TrailerPayload,
            KeyValuePair.Create("Content-Encoding", sent),
            KeyValuePair.Create("x-amz-decoded-content-length", Body.Length.ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create("x-amz-trailer", "x-amz-checksum-crc32"));

        Assert.True(put.Status == 200, put.ToString());
        foreach (var method in new[] { "GET", "HEAD" })
        {
            var read = await SendAsync(method, RawS3Client.ObjectPath(bucket, "k"));
            Assert.Equal(stored, read.Header("Content-Encoding"));
        }

        Assert.Equal(Body, await GetBytesAsync(bucket, "k"));
    }

    [Theory]
    [InlineData("deflate, gzip")]
    [InlineData("gzip ,  br")]
    public async Task PlainUpload_KeepsContentEncodingExactlyAsSent(string sent)
    {
        var bucket = await CreateBucketAsync("encoding-plain");

        var put = await SendAsync("PUT", RawS3Client.ObjectPath(bucket, "k"), Body, TestChecksums.Sha256Hex(Body), KeyValuePair.Create("Content-Encoding", sent));

        Assert.True(put.Status == 200, put.ToString());
        var read = await SendAsync("HEAD", RawS3Client.ObjectPath(bucket, "k"));
        Assert.Equal(sent, read.Header("Content-Encoding"));
    }

    private async Task<RawHttpResponse> SendAsync(
        string method, string pathAndQuery, byte[]? body = null, string? payloadHash = null, params KeyValuePair<string, string>[] headers)
    {
        await using var connection = await RawHttpConnection.OpenAsync(Fixture.BaseAddress);
        var head = RawHttpConnection.SignedHead(
            Raw.Signer, method, Raw.Url(pathAndQuery), headers, body?.Length, payloadHash ?? RawS3Signer.EmptySha256, Encoding.Latin1);
        await connection.WriteAsync(head.Concat(body ?? []).ToArray());
        return await connection.ReadResponseAsync(head: method == "HEAD");
    }
}
