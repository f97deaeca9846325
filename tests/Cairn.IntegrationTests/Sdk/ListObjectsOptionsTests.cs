using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>ListObjects parameters on a small bucket: prefix, delimiter, StartAfter, MaxKeys 0, encoding-type, FetchOwner.</summary>
public sealed class ListObjectsOptionsTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly string[] PhotoKeys =
    [
        "photos/2024/a.jpg",
        "photos/2024/b.jpg",
        "photos/2025/c.jpg",
        "photos/readme.txt",
        "photosx",
        "photo",
        "video/a.mp4",
    ];

    public ListObjectsOptionsTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task ListObjectsV2_WithPrefix_ReturnsOnlyKeysUnderIt()
    {
        var bucket = await CreatePhotoBucketAsync();

        var response = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "photos/" });

        Assert.Equal(["photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/readme.txt"], Keys(response.S3Objects));
        Assert.Equal("photos/", response.Prefix);
        Assert.Equal(4, response.KeyCount);
        Assert.False(response.IsTruncated);
    }

    [Fact]
    public async Task ListObjectsV2_WithPrefixAndDelimiter_RollsUpSubfolders()
    {
        var bucket = await CreatePhotoBucketAsync();

        var response = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "photos/", Delimiter = "/" });

        Assert.Equal(["photos/readme.txt"], Keys(response.S3Objects));
        Assert.Equal(["photos/2024/", "photos/2025/"], response.CommonPrefixes ?? []);
        Assert.Equal(3, response.KeyCount);
    }

    [Fact]
    public async Task ListObjectsV2_PrefixWithoutTrailingDelimiter_GroupsAtTheNextDelimiter()
    {
        var bucket = await CreatePhotoBucketAsync();

        var response = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "photo", Delimiter = "/" });

        Assert.Equal(["photo", "photosx"], Keys(response.S3Objects));
        Assert.Equal(["photos/"], response.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task ListObjectsV2_WithNonSlashDelimiter_GroupsByThatCharacter()
    {
        var bucket = await CreateBucketAsync("delim-alt");
        await PutManyAsync(bucket, ["bar", "baz", "cab", "foo"]);

        var response = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "a" });

        Assert.Equal(["foo"], Keys(response.S3Objects));
        Assert.Equal(["ba", "ca"], response.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task ListObjectsV2_WithStartAfter_ReturnsOnlyLaterKeys()
    {
        var bucket = await CreatePhotoBucketAsync();

        var existing = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, StartAfter = "photos/2024/b.jpg" });
        var between = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, StartAfter = "photos/3" });

        Assert.Equal(["photos/2025/c.jpg", "photos/readme.txt", "photosx", "video/a.mp4"], Keys(existing.S3Objects));
        Assert.Equal("photos/2024/b.jpg", existing.StartAfter);
        Assert.Equal(["photos/readme.txt", "photosx", "video/a.mp4"], Keys(between.S3Objects));
    }

    [Fact]
    public async Task ListObjectsV2_MaxKeysZero_ReturnsNothingAndIsNotTruncated()
    {
        var bucket = await CreatePhotoBucketAsync();

        var response = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 0 });

        Assert.Empty(response.S3Objects ?? []);
        Assert.Empty(response.CommonPrefixes ?? []);
        Assert.Equal(0, response.KeyCount);
        Assert.False(response.IsTruncated); // s3-tests test_bucket_listv2_maxkeys_zero
    }

    [Fact]
    public async Task ListObjectsV2_MaxKeysOne_IsTruncatedAndContinues()
    {
        var bucket = await CreatePhotoBucketAsync();

        var first = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 });
        var second = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1, ContinuationToken = first.NextContinuationToken });

        Assert.True(first.IsTruncated);
        Assert.Equal(["photo"], Keys(first.S3Objects));
        Assert.Equal(["photos/2024/a.jpg"], Keys(second.S3Objects));
    }

    [Fact]
    public async Task ListObjectsV2_EncodingTypeUrl_ReturnsUrlEncodedKeysAndPrefixes()
    {
        // Keys from s3-tests test_bucket_listv2_encoding_basic, plus non-ASCII.
        var bucket = await CreateBucketAsync("encoding-v2");
        string[] keys = ["foo+1/bar", "foo/bar/xyzzy", "quux ab/thud", "asdf+b", "é übel"];
        await PutManyAsync(bucket, keys);

        var response = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/", Encoding = EncodingType.Url });

        // AWSSDK.S3 4.1 does not decode: the encoded values come through as sent.
        Assert.Equal("url", response.Encoding?.Value);
        var raw = Keys(response.S3Objects);
        Assert.Equal(2, raw.Count);
        Assert.Equal("asdf%2Bb", raw[0]);
        Assert.DoesNotContain(" ", raw[1]);
        Assert.Equal(["asdf+b", "é übel"], raw.Select(Uri.UnescapeDataString));
        Assert.Equal(["foo%2B1/", "foo/", "quux%20ab/"], response.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task ListObjectsV1_EncodingTypeUrl_ReturnsUrlEncodedKeys()
    {
        var bucket = await CreateBucketAsync("encoding-v1");
        string[] keys = ["a b", "c+d", "x&y<z>"];
        await PutManyAsync(bucket, keys);

        var response = await S3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Encoding = EncodingType.Url });

        var raw = Keys(response.S3Objects);
        Assert.Equal(["a%20b", "c%2Bd"], raw.Take(2));
        Assert.Equal(keys, raw.Select(Uri.UnescapeDataString));
    }

    [Fact]
    public async Task ListObjectsV2_FetchOwner_AddsOwnerOnlyWhenAsked()
    {
        var bucket = await CreatePhotoBucketAsync();

        var without = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        var with = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, FetchOwner = true });

        Assert.All(without.S3Objects ?? [], o => Assert.Null(o.Owner)); // s3-tests test_bucket_listv2_fetchowner_defaultempty
        Assert.Equal(PhotoKeys.Length, (with.S3Objects ?? []).Count);
        Assert.All(with.S3Objects ?? [], o => Assert.False(string.IsNullOrEmpty(o.Owner?.Id), "FetchOwner=true but no Owner/ID"));
    }

    [Fact]
    public async Task ListObjectsV2_EmptyBucket_ReturnsNoContentsAndKeyCountZero()
    {
        var bucket = await CreateBucketAsync("list-empty");

        var response = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });

        Assert.Empty(response.S3Objects ?? []);
        Assert.Equal(0, response.KeyCount);
        Assert.False(response.IsTruncated);
        Assert.Equal(bucket, response.Name);
    }

    [Fact]
    public async Task ListObjectsV2_MissingBucket_FailsWithNoSuchBucket()
    {
        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotFound,
            "NoSuchBucket",
            () => S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = UniqueBucketName("no-list") }));
    }

    private async Task<string> CreatePhotoBucketAsync()
    {
        var bucket = await CreateBucketAsync("photos");
        await PutManyAsync(bucket, PhotoKeys);
        return bucket;
    }

    private static List<string> Keys(IEnumerable<S3Object>? objects) => (objects ?? []).Select(o => o.Key).ToList();
}
