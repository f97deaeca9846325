using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Object and bucket tagging through the AWS SDK (docs/tagging.md): the ?tagging operations, tags given by PutObject,
/// CreateMultipartUpload and CopyObject, x-amz-tagging-count on reads, and each bad input with S3's error.
/// </summary>
public sealed class ObjectTaggingTests(CairnServerFixture fixture) : SdkTestBase(fixture), IClassFixture<CairnServerFixture>
{
    private static List<Tag> Tags(params (string Key, string Value)[] tags) => tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();

    private async Task<List<(string, string)>> ObjectTagsAsync(string bucket, string key) =>
        ((await S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = key })).Tagging ?? [])
        .Select(t => (t.Key, t.Value)).ToList();

    private async Task<string?> HeadTagCountAsync(string bucket, string key)
    {
        using var response = await Raw.SendAsync(HttpMethod.Head, RawS3Client.ObjectPath(bucket, key));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("x-amz-tagging-count", out var values) ? values.Single() : null;
    }

    [Fact]
    public async Task Put_get_delete_object_tagging_round_trip_and_leave_the_content_alone()
    {
        var bucket = await CreateBucketAsync("tags");
        await PutTextAsync(bucket, "k", "content");
        var before = await S3.GetObjectMetadataAsync(bucket, "k");

        await S3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket, Key = "k", Tagging = new Tagging { TagSet = Tags(("project", "cairn"), ("team", "object storage"), ("empty", "")) },
        });

        Assert.Equal([("project", "cairn"), ("team", "object storage"), ("empty", "")], await ObjectTagsAsync(bucket, "k"));
        var after = await S3.GetObjectMetadataAsync(bucket, "k");
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(before.LastModified, after.LastModified);
        Assert.Equal("content", await GetTextAsync(bucket, "k"));

        await S3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = bucket, Key = "k" });
        Assert.Empty(await ObjectTagsAsync(bucket, "k"));
        Assert.Null(await HeadTagCountAsync(bucket, "k"));
    }

    [Fact]
    public async Task Tagging_a_missing_object_is_NoSuchKey()
    {
        var bucket = await CreateBucketAsync("tags-missing");
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () => S3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = bucket, Key = "nothing", Tagging = new Tagging { TagSet = Tags(("a", "b")) },
        }));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            S3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "nothing" }));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            S3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = bucket, Key = "nothing" }));
    }

    [Fact]
    public async Task PutObject_with_tags_stores_them_and_GET_and_HEAD_count_them()
    {
        var bucket = await CreateBucketAsync("tags-put");
        await PutAsync(bucket, "tagged", Encoding.UTF8.GetBytes("x"), r => r.TagSet = Tags(("a", "1"), ("b c", "d/e")));

        Assert.Equal([("a", "1"), ("b c", "d/e")], await ObjectTagsAsync(bucket, "tagged"));
        using var get = await S3.GetObjectAsync(bucket, "tagged");
        Assert.Equal(2, get.TagCount);
        Assert.Equal("2", await HeadTagCountAsync(bucket, "tagged"));
    }

    [Fact]
    public async Task A_multipart_upload_gives_its_tags_to_the_object_at_Complete()
    {
        var bucket = await CreateBucketAsync("tags-mpu");
        var upload = await S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = "big", TagSet = Tags(("stage", "raw")),
        });
        var part = await S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "big", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream([1, 2, 3]),
        });
        await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "big", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });

        Assert.Equal([("stage", "raw")], await ObjectTagsAsync(bucket, "big"));
    }

    [Fact]
    public async Task CopyObject_keeps_the_source_tags_by_default_and_REPLACE_sets_the_requested_ones()
    {
        var bucket = await CreateBucketAsync("tags-copy");
        await PutAsync(bucket, "source", [1, 2], r => r.TagSet = Tags(("origin", "source")));

        await S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "copied" });
        await S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "replaced",
            TaggingDirective = TaggingDirective.REPLACE, TagSet = Tags(("origin", "copy"), ("new", "yes")),
        });
        await S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "cleared",
            TaggingDirective = TaggingDirective.REPLACE,
        });

        Assert.Equal([("origin", "source")], await ObjectTagsAsync(bucket, "copied"));
        Assert.Equal([("origin", "copy"), ("new", "yes")], await ObjectTagsAsync(bucket, "replaced"));
        Assert.Empty(await ObjectTagsAsync(bucket, "cleared"));
        Assert.Equal([("origin", "source")], await ObjectTagsAsync(bucket, "source"));
    }

    [Fact]
    public async Task An_unknown_tagging_directive_is_InvalidArgument()
    {
        var bucket = await CreateBucketAsync("tags-directive");
        await PutTextAsync(bucket, "source", "x");
        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "copy"), configure: r =>
        {
            r.Headers.Add("x-amz-copy-source", $"/{bucket}/source");
            r.Headers.Add("x-amz-tagging-directive", "MERGE");
        });
        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.False(await ExistsAsync(bucket, "copy"));
    }

    public static TheoryData<string, HttpStatusCode, string> BadHeaders => new()
    {
        { "a=1&a=2", HttpStatusCode.BadRequest, "InvalidArgument" },
        { "=value", HttpStatusCode.BadRequest, "InvalidArgument" },
        { "k=%zz", HttpStatusCode.BadRequest, "InvalidArgument" },
        { string.Join('&', Enumerable.Range(0, 11).Select(i => $"k{i}=v")), HttpStatusCode.BadRequest, "BadRequest" },
        { "bad%23key=v", HttpStatusCode.BadRequest, "InvalidTag" },
        { "k=bad%3Bvalue", HttpStatusCode.BadRequest, "InvalidTag" },
        { "aws%3Areserved=v", HttpStatusCode.BadRequest, "InvalidTag" },
        { new string('k', 129) + "=v", HttpStatusCode.BadRequest, "InvalidTag" },
        { "k=" + new string('v', 257), HttpStatusCode.BadRequest, "InvalidTag" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_bad_x_amz_tagging_refuses_PutObject_and_CreateMultipartUpload_and_stores_nothing(string header, HttpStatusCode status, string code)
    {
        var bucket = await CreateBucketAsync("tags-bad");
        using var put = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), [1], r => r.Headers.TryAddWithoutValidation("x-amz-tagging", header));
        await S3Assert.ErrorAsync(put, status, code);
        using var create = await Raw.SendAsync(HttpMethod.Post, RawS3Client.ObjectPath(bucket, "k") + "?uploads", configure: r => r.Headers.TryAddWithoutValidation("x-amz-tagging", header));
        await S3Assert.ErrorAsync(create, status, code);

        Assert.False(await ExistsAsync(bucket, "k"));
        Assert.Empty((await S3.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
    }

    public static TheoryData<string, string> BadDocuments => new()
    {
        { "<Tagging><TagSet><Tag><Key>k</Key><Value>1</Value></Tag><Tag><Key>k</Key><Value>2</Value></Tag></TagSet></Tagging>", "InvalidTag" },
        { "<Tagging><TagSet><Tag><Key>a#b</Key><Value>1</Value></Tag></TagSet></Tagging>", "InvalidTag" },
        { "<Tagging><TagSet><Tag><Key>aws:x</Key><Value>1</Value></Tag></TagSet></Tagging>", "InvalidTag" },
        { "<Tagging><TagSet>" + string.Concat(Enumerable.Range(0, 11).Select(i => $"<Tag><Key>k{i}</Key><Value>v</Value></Tag>")) + "</TagSet></Tagging>", "BadRequest" },
        { "<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>", "MalformedXML" },
        { "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value><Extra/></Tag></TagSet></Tagging>", "MalformedXML" },
        { "<Tagging></Tagging>", "MalformedXML" },
        { "<Tags><TagSet/></Tags>", "MalformedXML" },
        { "<Tagging><TagSet>", "MalformedXML" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_bad_Tagging_document_is_refused_with_S3s_code_and_keeps_the_old_tags(string document, string code)
    {
        var bucket = await CreateBucketAsync("tags-doc");
        await PutAsync(bucket, "k", [1], r => r.TagSet = Tags(("kept", "yes")));

        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k") + "?tagging", Encoding.UTF8.GetBytes(document));
        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal([("kept", "yes")], await ObjectTagsAsync(bucket, "k"));
    }

    [Fact]
    public async Task Bucket_tagging_round_trips_and_a_bucket_without_tags_is_NoSuchTagSet()
    {
        var bucket = await CreateBucketAsync("tags-bucket");
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchTagSet", () => S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));

        var fifty = Enumerable.Range(0, 50).Select(i => new Tag { Key = "key" + i, Value = "value" + i }).ToList();
        await S3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = fifty });
        var read = await S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });
        Assert.Equal(fifty.Select(t => (t.Key, t.Value)), read.TagSet.Select(t => (t.Key, t.Value)));

        await S3.DeleteBucketTaggingAsync(new DeleteBucketTaggingRequest { BucketName = bucket });
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchTagSet", () => S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task Fifty_one_bucket_tags_are_BadRequest_and_a_repeated_key_is_InvalidTag()
    {
        var bucket = await CreateBucketAsync("tags-bucket-bad");
        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "BadRequest", () => S3.PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = bucket, TagSet = Enumerable.Range(0, 51).Select(i => new Tag { Key = "k" + i, Value = "v" }).ToList(),
        }));
        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidTag", () => S3.PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = bucket, TagSet = Tags(("k", "1"), ("k", "2")),
        }));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchTagSet", () => S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));
    }

    [Fact]
    public async Task Bucket_tagging_of_a_missing_bucket_is_NoSuchBucket()
    {
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchBucket", () =>
            S3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = UniqueBucketName("absent") }));
    }
}
