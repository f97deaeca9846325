using System.Text;
using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Microsoft.AspNetCore.Http;
using static Cairn.Server.Tests.Auth.AuthTestKit;

namespace Cairn.Server.Tests.Auth;

/// <summary>
/// aws-chunked bodies: AWS's published examples (sigv4-streaming, sigv4-streaming-trailers) plus tampering, short
/// bodies and the unsigned-trailer mode of new SDKs (docs/s3-compatibility.md "Payload modes").
/// </summary>
public sealed class AwsChunkedTests
{
    private const string Chunk1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    private const string Chunk2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    private const string Final = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

    private const string TrailerChunk1 = "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2";
    private const string TrailerChunk2 = "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7";
    private const string TrailerFinal = "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992";
    private const string TrailerSignature = "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";

    [Fact]
    public async Task StreamingExampleDecodes()
    {
        var body = ExampleBody();
        Assert.Equal(66824, body.Length); // the example's Content-Length
        var request = ExampleRequest(body);

        var result = Authenticator(ExampleTime).Authenticate(request, null);

        Assert.Equal(66560, result.DecodedContentLength);
        Assert.Equal(PayloadMode.StreamingSigned, result.PayloadMode);
        Assert.Equal(Repeat('a', 66560), await ReadAllAsync(result.WrapBody(request.Body)));
        Assert.Empty(result.Trailers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task StreamingExampleDecodesWithTinyReadsAndTrickledSource(int readSize)
    {
        var request = ExampleRequest(ExampleBody());
        request.Body = new TrickleStream(request.Body, maxRead: 3);

        var result = Authenticator(ExampleTime).Authenticate(request, null);

        Assert.Equal(Repeat('a', 66560), await ReadAllAsync(result.WrapBody(request.Body), readSize));
    }

    [Fact]
    public async Task TamperedChunkIsSignatureDoesNotMatchBeforeItsLastByteIsReturned()
    {
        var body = ExampleBody();
        var chunk2Data = Array.IndexOf(body, (byte)'\n', 65536 + 90) + 1;
        body[chunk2Data + 10] = (byte)'b';
        var request = ExampleRequest(body);
        var stream = Authenticator(ExampleTime).Authenticate(request, null).WrapBody(request.Body);

        var buffer = new byte[65536];
        var total = 0;
        await ThrowsAsync(ErrorCode.SignatureDoesNotMatch, async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory())) > 0)
            {
                total += read;
            }
        });

        // The first chunk was fine and handed out; the tampered one never completed.
        Assert.InRange(total, 65536, 66559);
        await ThrowsAsync(ErrorCode.SignatureDoesNotMatch, () => stream.ReadAsync(buffer.AsMemory()).AsTask());
    }

    [Fact]
    public async Task TamperedFinalChunkSignatureFailsInsteadOfEof()
    {
        var body = ExampleBody();
        var text = Encoding.ASCII.GetString(body);
        var at = text.IndexOf(Final, StringComparison.Ordinal);
        body[at] = (byte)'c';
        var request = ExampleRequest(body);

        var stream = Authenticator(ExampleTime).Authenticate(request, null).WrapBody(request.Body);

        await ThrowsAsync(ErrorCode.SignatureDoesNotMatch, () => ReadAllAsync(stream));
    }

    [Theory]
    [InlineData(100)]     // inside the first chunk's data
    [InlineData(65536 + 88)] // between chunks
    [InlineData(66824 - 3)]  // inside the final chunk header
    public async Task BodyCutShortIsIncompleteBody(int keep)
    {
        var request = ExampleRequest(ExampleBody()[..keep]);

        var stream = Authenticator(ExampleTime).Authenticate(request, null).WrapBody(request.Body);

        await ThrowsAsync(ErrorCode.IncompleteBody, () => ReadAllAsync(stream));
    }

    [Fact]
    public async Task SignedTrailerExampleDecodes()
    {
        var body = Concat(
            Ascii($"10000;chunk-signature={TrailerChunk1}\r\n"), Repeat('a', 65536),
            Ascii($"\r\n400;chunk-signature={TrailerChunk2}\r\n"), Repeat('a', 1024),
            Ascii($"\r\n0;chunk-signature={TrailerFinal}\r\n"),
            Ascii("x-amz-checksum-crc32c:sOO8/Q==\r\n"),
            Ascii($"x-amz-trailer-signature:{TrailerSignature}\r\n\r\n"));
        var request = Request("PUT", "/examplebucket/chunkObject.txt",
        [
            ("Host", "s3.amazonaws.com"),
            ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,Signature=106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"),
            ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
            ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"),
            ("x-amz-trailer", "x-amz-checksum-crc32c"),
            ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], body);

        var result = Authenticator(ExampleTime).Authenticate(request, null);
        Assert.Equal("x-amz-checksum-crc32c", result.DeclaredTrailer);

        Assert.Equal(Repeat('a', 66560), await ReadAllAsync(result.WrapBody(request.Body)));
        Assert.Equal("sOO8/Q==", result.Trailers["x-amz-checksum-crc32c"]);
        Assert.DoesNotContain("x-amz-trailer-signature", result.Trailers.Keys);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // the .NET SDK hashes the trailer text without its final newline
    public async Task SignedTrailerVerifies(bool finalNewline)
    {
        var payload = Ascii("123456789");
        var (request, _) = TestSigner.StreamingPut(ContentSha256.StreamingSignedTrailer, payload, 4,
            ("x-amz-checksum-crc32", "y/Q5Jg=="), finalNewline);

        var result = Authenticator(ExampleTime).Authenticate(request, null);

        Assert.Equal(payload, await ReadAllAsync(result.WrapBody(request.Body)));
        Assert.Equal("y/Q5Jg==", result.Trailers["x-amz-checksum-crc32"]);
    }

    [Fact]
    public async Task TamperedSignedTrailerIsSignatureDoesNotMatch()
    {
        var (request, body) = TestSigner.StreamingPut(ContentSha256.StreamingSignedTrailer, Ascii("123456789"), 4,
            ("x-amz-checksum-crc32", "y/Q5Jg=="));
        var text = Encoding.ASCII.GetString(body).Replace("y/Q5Jg==", "AAAAAA==", StringComparison.Ordinal);
        request.Body = new MemoryStream(Ascii(text));

        var stream = Authenticator(ExampleTime).Authenticate(request, null).WrapBody(request.Body);

        await ThrowsAsync(ErrorCode.SignatureDoesNotMatch, () => ReadAllAsync(stream));
    }

    [Fact]
    public async Task UnsignedTrailerWithCrc32Decodes()
    {
        var payload = Ascii("123456789");
        var (request, body) = TestSigner.StreamingPut(ContentSha256.StreamingUnsignedTrailer, payload, 4, ("x-amz-checksum-crc32", "y/Q5Jg=="));
        Assert.StartsWith("4\r\n1234\r\n4\r\n5678\r\n1\r\n9\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n", Encoding.ASCII.GetString(body));

        var result = Authenticator(ExampleTime).Authenticate(request, null);

        Assert.Equal(PayloadMode.StreamingUnsignedTrailer, result.PayloadMode);
        Assert.Equal(9, result.DecodedContentLength);
        Assert.Equal("x-amz-checksum-crc32", result.DeclaredTrailer);
        Assert.Equal(payload, await ReadAllAsync(result.WrapBody(request.Body), bufferSize: 1));
        Assert.Equal("y/Q5Jg==", result.Trailers["X-Amz-Checksum-CRC32"]);
    }

    [Theory]
    [InlineData("9;chunk-signature=0000000000000000000000000000000000000000000000000000000000000000\r\n123456789\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n")]
    [InlineData("9\r\n123456789\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n")]         // no final blank line
    [InlineData("9\r\n123456789\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==")]             // nor a line end
    [InlineData("9\r\n123456789\r\n0\r\n\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n")]  // blank line before the trailers
    [InlineData("9\n123456789\n0\nx-amz-checksum-crc32: y/Q5Jg==\n\n")]              // bare LF, space after colon
    [InlineData("9\r\n123456789\r\n0\r\n\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n")] // older .NET SDKs repeat the 0 chunk
    public async Task UnsignedTrailerFramingVariantsAreAccepted(string body)
    {
        var request = UnsignedTrailerRequest(body, decodedLength: 9);

        var result = Authenticator(ExampleTime).Authenticate(request, null);

        Assert.Equal(Ascii("123456789"), await ReadAllAsync(result.WrapBody(request.Body)));
        Assert.Equal("y/Q5Jg==", result.Trailers["x-amz-checksum-crc32"]);
    }

    [Theory]
    [InlineData("9\r\n123456789\r\n0\r\nx-amz-checksum-crc32\r\n\r\n", ErrorCode.MalformedTrailerError)]
    [InlineData("9\r\n123456789\r\n0\r\nx-amz-checksum-sha256:abc\r\n\r\n", ErrorCode.MalformedTrailerError)] // declared trailer missing
    [InlineData("a\r\n123456789x\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n", ErrorCode.InvalidChunkSizeError)] // more than decoded length
    [InlineData("8\r\n12345678\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n", ErrorCode.IncompleteBody)] // less than decoded length
    [InlineData("4\r\n123456789\r\n0\r\n\r\n", ErrorCode.InvalidChunkSizeError)]  // data longer than its size
    [InlineData("zz\r\n123456789\r\n0\r\n\r\n", ErrorCode.InvalidChunkSizeError)]
    [InlineData("9 x\r\n123456789\r\n0\r\n\r\n", ErrorCode.InvalidChunkSizeError)]
    [InlineData("9\r\n12345", ErrorCode.IncompleteBody)]
    [InlineData("", ErrorCode.IncompleteBody)]
    public async Task MalformedUnsignedBodiesAreRejected(string body, ErrorCode expected)
    {
        var request = UnsignedTrailerRequest(body, decodedLength: 9);

        var stream = Authenticator(ExampleTime).Authenticate(request, null).WrapBody(request.Body);

        await ThrowsAsync(expected, () => ReadAllAsync(stream));
    }

    [Fact]
    public void SynchronousReadersWork()
    {
        var request = UnsignedTrailerRequest("9\r\n123456789\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n", decodedLength: 9);
        var result = Authenticator(ExampleTime).Authenticate(request, null);

        using var reader = new StreamReader(result.WrapBody(request.Body));

        Assert.Equal("123456789", reader.ReadToEnd());
        Assert.Equal("y/Q5Jg==", result.Trailers["x-amz-checksum-crc32"]);
    }

    [Fact]
    public async Task OverlongChunkHeaderIsInvalidChunkSizeError()
    {
        var request = UnsignedTrailerRequest("9;" + new string('x', 5000) + "\r\n123456789\r\n0\r\n\r\n", decodedLength: 9);

        var stream = Authenticator(ExampleTime).Authenticate(request, null).WrapBody(request.Body);

        await ThrowsAsync(ErrorCode.InvalidChunkSizeError, () => ReadAllAsync(stream));
    }

    [Fact]
    public void MissingDecodedContentLengthIsMissingContentLength()
    {
        var request = UnsignedTrailerRequest("0\r\n\r\n", decodedLength: 0);
        request.Headers.Remove("x-amz-decoded-content-length");

        Throws(ErrorCode.MissingContentLength, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Fact]
    public async Task SignedChunksWithoutSignaturesAreRejected()
    {
        var (request, _) = TestSigner.StreamingPut(ContentSha256.StreamingSigned, Ascii("123456789"), 4);
        request.Body = new MemoryStream(TestSigner.UnsignedChunks(Ascii("123456789"), 4, null));

        var stream = Authenticator(ExampleTime).Authenticate(request, null).WrapBody(request.Body);

        await ThrowsAsync(ErrorCode.SignatureDoesNotMatch, () => ReadAllAsync(stream));
    }

    [Fact]
    public async Task LargeSignedBodyStreamsInManyChunks()
    {
        var payload = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(payload);
        var (request, _) = TestSigner.StreamingPut(ContentSha256.StreamingSigned, payload, 64 * 1024);

        var result = Authenticator(ExampleTime).Authenticate(request, null);

        Assert.Equal(payload, await ReadAllAsync(result.WrapBody(request.Body), bufferSize: 100_000));
    }

    [Fact]
    public void SignedStreamingWithoutSigV4HeaderIsInvalidRequest()
    {
        var request = Request("PUT", "/bucket/key",
        [
            ("Host", "localhost"),
            ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
            ("x-amz-decoded-content-length", "0"),
        ]);

        Throws(ErrorCode.InvalidRequest, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    private static HttpRequest UnsignedTrailerRequest(string body, int decodedLength)
    {
        // Anonymous requests may use the unsigned-trailer framing too (it needs no signature).
        return Request("PUT", "/bucket/key",
        [
            ("Host", "localhost"),
            ("Content-Encoding", "aws-chunked"),
            ("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
            ("x-amz-decoded-content-length", decodedLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("x-amz-trailer", "x-amz-checksum-crc32"),
        ], Ascii(body));
    }

    private static byte[] ExampleBody() => Concat(
        Ascii($"10000;chunk-signature={Chunk1}\r\n"), Repeat('a', 65536),
        Ascii($"\r\n400;chunk-signature={Chunk2}\r\n"), Repeat('a', 1024),
        Ascii($"\r\n0;chunk-signature={Final}\r\n\r\n"));

    private static HttpRequest ExampleRequest(byte[] body) => Request("PUT", "/examplebucket/chunkObject.txt",
    [
        ("Host", "s3.amazonaws.com"),
        ("x-amz-date", "20130524T000000Z"),
        ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
        ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"),
        ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
        ("Content-Encoding", "aws-chunked"),
        ("x-amz-decoded-content-length", "66560"),
        ("Content-Length", "66824"),
    ], body);
}
