using System.Globalization;
using System.Net;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Integrity claims that cannot be checked are refused before anything is stored: an empty Content-MD5 is
/// InvalidDigest (as S3 answers it), and a checksum value that is not base64 of the algorithm's length is
/// InvalidRequest worded as S3 words it, "header" when it came in a header and "trailing header" when it came in the
/// trailer of an aws-chunked body (STREAMING-UNSIGNED-PAYLOAD-TRAILER, what aws-cli 2.23+ and boto3 1.36+ send).
/// </summary>
public sealed class ChecksumHeaderValidationTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly byte[] Body = DeterministicStream.Slice(81, 0, 10_000);

    public ChecksumHeaderValidationTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task PutObject_WithEmptyContentMd5_IsInvalidDigestAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("empty-md5");
        await PutTextAsync(bucket, "existing", "previous");

        foreach (var key in new[] { "new", "existing" })
        {
            using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, key), Body,
                r => Assert.True(r.Content!.Headers.TryAddWithoutValidation("Content-MD5", string.Empty)));
            await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidDigest");
        }

        Assert.False(await ExistsAsync(bucket, "new"));
        Assert.Equal("previous", await GetTextAsync(bucket, "existing"));
    }

    public static TheoryData<string, string> MalformedValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var algorithm in new[] { "CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256" })
        {
            data.Add(algorithm, "!!not-base64!!");
            data.Add(algorithm, "AAAA"); // base64 of 3 bytes: no algorithm's length
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedValues))]
    public async Task PutObject_MalformedChecksumValue_IsInvalidRequestSayingWhetherHeaderOrTrailer(string algorithm, string value)
    {
        var bucket = await CreateBucketAsync("bad-checksum");
        var name = "x-amz-checksum-" + algorithm.ToLowerInvariant();

        using (var inHeader = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "in-header"), Body,
                   r => r.Headers.TryAddWithoutValidation(name, value)))
        {
            var error = await S3Assert.ErrorAsync(inHeader, HttpStatusCode.BadRequest, "InvalidRequest");
            Assert.Equal($"Value for {name} header is invalid.", error.Element("Message")?.Value);
        }

        using (var inTrailer = await SendUnsignedTrailerAsync(bucket, "in-trailer", algorithm, name, value))
        {
            var error = await S3Assert.ErrorAsync(inTrailer, HttpStatusCode.BadRequest, "InvalidRequest");
            Assert.Equal($"Value for {name} trailing header is invalid.", error.Element("Message")?.Value);
        }

        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    private async Task<HttpResponseMessage> SendUnsignedTrailerAsync(string bucket, string key, string algorithm, string trailerName, string trailerValue)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Raw.Url(RawS3Client.ObjectPath(bucket, key)));
        request.Headers.TryAddWithoutValidation("x-amz-decoded-content-length", Body.Length.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-amz-trailer", trailerName);
        request.Headers.TryAddWithoutValidation("x-amz-sdk-checksum-algorithm", algorithm);
        Raw.Signer.Sign(request, "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        request.Content = new ByteArrayContent(RawS3Signer.EncodeUnsignedWithTrailer(Body, 4096, trailerName, trailerValue));
        request.Content.Headers.ContentEncoding.Add("aws-chunked");
        return await Raw.Http.SendAsync(request);
    }
}
