using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// ListObjects and ListObjectsV2 in OSS's spelling over real HTTP, on objects written through the S3 dialect: delimiter
/// and prefixes, encoding-type=url, paging by marker and by continuation token, each entry's type, and max-keys as OSS
/// bounds it.
/// </summary>
public sealed class OssListingTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private readonly OssRawClient _oss;

    public OssListingTests(CairnServerFixture fixture)
        : base(fixture) => _oss = new OssRawClient(fixture);

    [Fact]
    public async Task V1_lists_by_delimiter_url_encoded_and_pages_by_marker()
    {
        var bucket = await FillAsync("v1");

        var (_, first) = await _oss.SendForDocumentAsync(HttpMethod.Get, $"/{bucket}?delimiter=/&max-keys=2&encoding-type=url");

        Assert.Equal(("ListBucketResult", ""), (first.Name.LocalName, first.Name.NamespaceName));
        Assert.Equal("url", first.Element("EncodingType")!.Value);
        Assert.Equal("true", first.Element("IsTruncated")!.Value);
        Assert.Equal(["a%20b.txt"], first.Elements("Contents").Select(c => c.Element("Key")!.Value));
        Assert.Equal(["dir%20x/"], first.Elements("CommonPrefixes").Select(c => c.Element("Prefix")!.Value));
        var entry = first.Element("Contents")!;
        Assert.Matches("^\"[0-9A-F]{32}\"$", entry.Element("ETag")!.Value);
        Assert.Equal(("Normal", "Standard"), (entry.Element("Type")!.Value, entry.Element("StorageClass")!.Value));
        Assert.NotNull(entry.Element("Owner")!.Element("ID"));

        var marker = Uri.UnescapeDataString(first.Element("NextMarker")!.Value);
        var (_, second) = await _oss.SendForDocumentAsync(HttpMethod.Get, $"/{bucket}?delimiter=/&max-keys=2&marker={Uri.EscapeDataString(marker)}");
        Assert.Equal("false", second.Element("IsTruncated")!.Value);
        var multipart = Assert.Single(second.Elements("Contents"));
        Assert.Equal(("multi", "Multipart"), (multipart.Element("Key")!.Value, multipart.Element("Type")!.Value));
        Assert.Matches("^\"[0-9A-F]{32}-2\"$", multipart.Element("ETag")!.Value);
    }

    [Fact]
    public async Task V2_counts_keys_and_continues_from_its_token_with_owners_only_when_fetched()
    {
        var bucket = await FillAsync("v2");

        var (_, first) = await _oss.SendForDocumentAsync(HttpMethod.Get, $"/{bucket}?list-type=2&prefix=dir%20x/&max-keys=1&encoding-type=url");

        Assert.Equal("1", first.Element("KeyCount")!.Value);
        Assert.Equal("dir%20x/", first.Element("Prefix")!.Value);
        Assert.Equal(["dir%20x/%C3%BC"], first.Elements("Contents").Select(c => c.Element("Key")!.Value));
        Assert.Null(first.Element("Contents")!.Element("Owner"));
        var token = first.Element("NextContinuationToken")!.Value;

        var (_, second) = await _oss.SendForDocumentAsync(HttpMethod.Get,
            $"/{bucket}?list-type=2&prefix=dir%20x/&max-keys=1&fetch-owner=true&continuation-token={Uri.EscapeDataString(token)}");
        Assert.Equal(token, second.Element("ContinuationToken")!.Value);
        Assert.Equal(["dir x/ü2"], second.Elements("Contents").Select(c => c.Element("Key")!.Value));
        Assert.NotNull(second.Element("Contents")!.Element("Owner"));
        Assert.Equal("false", second.Element("IsTruncated")!.Value);
    }

    [Fact]
    public async Task Without_max_keys_a_page_holds_100_keys()
    {
        var bucket = await CreateBucketAsync("hundred");
        await PutManyAsync(bucket, Enumerable.Range(0, 101).Select(i => $"k{i:D3}"));

        var (_, page) = await _oss.SendForDocumentAsync(HttpMethod.Get, $"/{bucket}?list-type=2");

        Assert.Equal("100", page.Element("MaxKeys")!.Value);
        Assert.Equal(100, page.Elements("Contents").Count());
        Assert.Equal("true", page.Element("IsTruncated")!.Value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task Max_keys_outside_1_to_1000_is_an_invalid_argument(string maxKeys)
    {
        var bucket = await CreateBucketAsync("maxkeys");

        var (_, error) = await _oss.SendForDocumentAsync(HttpMethod.Get, $"/{bucket}?max-keys={maxKeys}", expected: HttpStatusCode.BadRequest);

        Assert.Equal("InvalidArgument", error.Element("Code")!.Value);
    }

    public override async Task DisposeAsync()
    {
        _oss.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>a b.txt, dir x/ü, dir x/ü2 and a two-part object "multi".</summary>
    private async Task<string> FillAsync(string hint)
    {
        var bucket = await CreateBucketAsync(hint);
        await PutTextAsync(bucket, "a b.txt", "a");
        await PutTextAsync(bucket, "dir x/ü", "b");
        await PutTextAsync(bucket, "dir x/ü2", "c");
        var upload = await S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "multi" });
        var etags = new List<PartETag>();
        foreach (var number in new[] { 1, 2 })
        {
            var part = await S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "multi", UploadId = upload.UploadId, PartNumber = number,
                InputStream = new MemoryStream(DeterministicStream.Slice((ulong)number, 0, 100 * 1024)),
            });
            etags.Add(new PartETag(number, part.ETag));
        }

        await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "multi", UploadId = upload.UploadId, PartETags = etags });
        return bucket;
    }
}
