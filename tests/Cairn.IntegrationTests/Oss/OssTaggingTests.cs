using System.Net;
using System.Text;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Oss.OssTestKit;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// Tagging through the OSS dialect over real HTTP (docs/tagging.md): the ?tagging documents in no namespace,
/// x-oss-tagging on put, multipart and copy with x-oss-tagging-directive, x-oss-tagging-count on reads, OSS's answers
/// for a bucket without tags and for deleting some of a bucket's tags; and the same tags seen through the S3 dialect.
/// </summary>
public sealed class OssTaggingTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private readonly RawOssClient _oss;

    public OssTaggingTests(CairnServerFixture fixture)
        : base(fixture)
    {
        _oss = new RawOssClient(fixture);
    }

    private static byte[] Document(params (string Key, string Value)[] tags) => Encoding.UTF8.GetBytes(
        "<Tagging><TagSet>" + string.Concat(tags.Select(t => $"<Tag><Key>{t.Key}</Key><Value>{t.Value}</Value></Tag>")) + "</TagSet></Tagging>");

    private async Task<List<(string, string)>> OssTagsAsync(string pathAndQuery)
    {
        using var response = await _oss.SendAsync(HttpMethod.Get, pathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await DocumentAsync(response);
        Assert.Equal("Tagging", document.Name.LocalName);
        Assert.Equal(string.Empty, document.Name.NamespaceName);
        return document.Element("TagSet")!.Elements("Tag").Select(t => (t.Element("Key")!.Value, t.Element("Value")!.Value)).ToList();
    }

    [Fact]
    public async Task Object_tags_put_with_the_header_and_the_document_read_back_through_both_dialects()
    {
        var bucket = await CreateBucketAsync("oss-tags");
        var path = RawOssClient.ObjectPath(bucket, "k");
        using (var put = await _oss.SendAsync(HttpMethod.Put, path, "x"u8.ToArray(), r => r.Headers.TryAddWithoutValidation("x-oss-tagging", "a=1&b%20c=d")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.Equal([("a", "1"), ("b c", "d")], await OssTagsAsync(path + "?tagging"));
        using (var head = await _oss.SendAsync(HttpMethod.Head, path))
        {
            Assert.Equal("2", Header(head, "x-oss-tagging-count"));
        }

        using (var replace = await _oss.SendAsync(HttpMethod.Put, path + "?tagging", Document(("project", "cairn"))))
        {
            Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        }

        var viaS3 = await S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "k" });
        Assert.Equal([("project", "cairn")], viaS3.Tagging.Select(t => (t.Key, t.Value)));

        using (var delete = await _oss.SendAsync(HttpMethod.Delete, path + "?tagging"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Empty(await OssTagsAsync(path + "?tagging"));
        using var after = await _oss.SendAsync(HttpMethod.Get, path);
        Assert.Null(Header(after, "x-oss-tagging-count"));
    }

    [Fact]
    public async Task Multipart_and_copy_carry_tags_as_the_directive_says()
    {
        var bucket = await CreateBucketAsync("oss-tags-mpu");
        using (var initiate = await _oss.SendAsync(HttpMethod.Post, RawOssClient.ObjectPath(bucket, "big") + "?uploads", null,
            r => r.Headers.TryAddWithoutValidation("x-oss-tagging", "stage=raw")))
        {
            Assert.Equal(HttpStatusCode.OK, initiate.StatusCode);
            var uploadId = (await DocumentAsync(initiate)).Element("UploadId")!.Value;
            var part = await S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "big", UploadId = uploadId, PartNumber = 1, InputStream = new MemoryStream([1, 2, 3]),
            });
            await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = "big", UploadId = uploadId, PartETags = [new PartETag(1, part.ETag)],
            });
        }

        Assert.Equal([("stage", "raw")], await OssTagsAsync(RawOssClient.ObjectPath(bucket, "big") + "?tagging"));

        using (var copied = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "copied"), null,
            r => r.Headers.TryAddWithoutValidation("x-oss-copy-source", $"/{bucket}/big")))
        {
            Assert.Equal(HttpStatusCode.OK, copied.StatusCode);
        }

        using (var replaced = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "replaced"), null, r =>
        {
            r.Headers.TryAddWithoutValidation("x-oss-copy-source", $"/{bucket}/big");
            r.Headers.TryAddWithoutValidation("x-oss-tagging-directive", "Replace");
            r.Headers.TryAddWithoutValidation("x-oss-tagging", "stage=copy");
        }))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        }

        Assert.Equal([("stage", "raw")], await OssTagsAsync(RawOssClient.ObjectPath(bucket, "copied") + "?tagging"));
        Assert.Equal([("stage", "copy")], await OssTagsAsync(RawOssClient.ObjectPath(bucket, "replaced") + "?tagging"));
    }

    [Fact]
    public async Task Bucket_tags_answer_an_empty_set_when_none_and_delete_all_or_the_named_keys()
    {
        var bucket = await CreateBucketAsync("oss-tags-bucket");
        Assert.Empty(await OssTagsAsync("/" + bucket + "?tagging"));

        using (var put = await _oss.SendAsync(HttpMethod.Put, "/" + bucket + "?tagging", Document(("k1", "1"), ("k2", "2"), ("k3", "3"))))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var some = await _oss.SendAsync(HttpMethod.Delete, "/" + bucket + "?tagging=k1,k3"))
        {
            Assert.Equal(HttpStatusCode.NoContent, some.StatusCode);
        }

        Assert.Equal([("k2", "2")], await OssTagsAsync("/" + bucket + "?tagging"));
        using (var all = await _oss.SendAsync(HttpMethod.Delete, "/" + bucket + "?tagging"))
        {
            Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        }

        Assert.Empty(await OssTagsAsync("/" + bucket + "?tagging"));
    }

    [Theory]
    [InlineData("aa=bb=cc", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("k=1&k=2", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("bad%21key=v", HttpStatusCode.BadRequest, "InvalidTag")]
    public async Task A_bad_x_oss_tagging_is_refused_with_an_EC_and_stores_nothing(string header, HttpStatusCode status, string code)
    {
        var bucket = await CreateBucketAsync("oss-tags-bad");
        using var put = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k"), "x"u8.ToArray(),
            r => r.Headers.TryAddWithoutValidation("x-oss-tagging", header));

        Assert.Equal(status, put.StatusCode);
        var error = await DocumentAsync(put);
        Assert.Equal(code, error.Element("Code")!.Value);
        Assert.Equal(error.Element("EC")!.Value, Header(put, "x-oss-ec"));
        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task A_bad_tagging_document_is_MalformedXML_or_InvalidTag()
    {
        var bucket = await CreateBucketAsync("oss-tags-doc");
        await PutTextAsync(bucket, "k", "x");
        using var malformed = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k") + "?tagging", "<Tagging/>"u8.ToArray());
        Assert.Equal("MalformedXML", (await DocumentAsync(malformed)).Element("Code")!.Value);
        using var invalid = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k") + "?tagging", Document(("k", "1"), ("k", "2")));
        var error = await DocumentAsync(invalid);
        Assert.Equal("InvalidTag", error.Element("Code")!.Value);
        Assert.Equal("0010-00000217", error.Element("EC")!.Value);
    }

    public override async Task DisposeAsync()
    {
        _oss.Dispose();
        await base.DisposeAsync();
    }
}
