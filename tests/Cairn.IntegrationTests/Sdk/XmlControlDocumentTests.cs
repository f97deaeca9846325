using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.IntegrationTests.Multipart;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// XML bodies of DeleteObjects and CompleteMultipartUpload: a hostile document (nested 100,000 deep) is refused
/// with MalformedXML in linear time instead of holding a request thread for tens of seconds, and a document
/// S3 would not accept (foreign root namespace, a Part with two PartNumber elements) is MalformedXML rather than
/// read by guesswork. Nothing is deleted or completed by a refused document.
/// </summary>
public sealed class XmlControlDocumentTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    /// <summary>A guard on linear behaviour: the quadratic parse took 42 s to refuse a 100,000-deep DeleteObjects.</summary>
    private static readonly TimeSpan Refused = TimeSpan.FromSeconds(10);

    public XmlControlDocumentTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task DeleteObjects_Nested100000Deep_FailsWithMalformedXmlQuickly()
    {
        var bucket = await CreateBucketAsync("deep-delete");
        await PutTextAsync(bucket, "k", "survives");
        var body = Encoding.UTF8.GetBytes("<Delete><Object><Key>k</Key></Object>" + Nested(100_000) + "</Delete>");

        var stopwatch = Stopwatch.StartNew();
        using var response = await Raw.SendAsync(HttpMethod.Post, $"/{bucket}?delete", body,
            r => r.Content!.Headers.TryAddWithoutValidation("Content-MD5", TestChecksums.Md5Base64(body)));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.True(stopwatch.Elapsed < Refused, $"refusing took {stopwatch.Elapsed}");
        Assert.Equal("survives", await GetTextAsync(bucket, "k"));
    }

    [Fact]
    public async Task CompleteMultipartUpload_Nested100000Deep_FailsWithMalformedXmlQuickly()
    {
        var bucket = await CreateBucketAsync("deep-complete");
        var uploadId = await InitiateAsync(bucket, "k");
        var part = Data(1024, seed: 1);
        await UploadPartAsync(bucket, "k", uploadId, 1, part);
        var document = $"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{Quote(Md5Hex(part))}</ETag></Part>"
            + Nested(100_000) + "</CompleteMultipartUpload>";

        var stopwatch = Stopwatch.StartNew();
        using var response = await RawCompleteAsync(bucket, "k", uploadId, document);

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.True(stopwatch.Elapsed < Refused, $"refusing took {stopwatch.Elapsed}");
        Assert.False(await ExistsAsync(bucket, "k"));
        Assert.Single(await ListAllPartsAsync(bucket, "k", uploadId));
    }

    [Theory]
    [InlineData("<CompleteMultipartUpload xmlns=\"urn:example:not-s3\"><Part><PartNumber>1</PartNumber><ETag>{0}</ETag></Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><PartNumber>2</PartNumber><ETag>{0}</ETag></Part></CompleteMultipartUpload>")]
    public async Task CompleteMultipartUpload_ForeignRootOrRepeatedPartNumber_FailsWithMalformedXmlAndCompletesNothing(string documentWithETag)
    {
        var bucket = await CreateBucketAsync("malformed-complete");
        var uploadId = await InitiateAsync(bucket, "k");
        var part = Data(1024, seed: 2);
        await UploadPartAsync(bucket, "k", uploadId, 1, part);

        using var response = await RawCompleteAsync(bucket, "k", uploadId, string.Format(CultureInfo.InvariantCulture, documentWithETag, Quote(Md5Hex(part))));

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.False(await ExistsAsync(bucket, "k"));
        Assert.Single(await ListAllPartsAsync(bucket, "k", uploadId));
    }

    private static string Nested(int depth) =>
        new StringBuilder(depth * 7).Insert(0, "<a>", depth).Insert(depth * 3, "</a>", depth).ToString();
}
