using System.Text;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Paging through 2,500 keys (<see cref="ListingLayout"/>) with ListObjectsV2 continuation tokens and
/// ListObjects (v1) markers: every key or folder exactly once, in UTF-8 byte order, full pages, correct KeyCount.
/// </summary>
public sealed class ListObjectsPaginationTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const int MaxPages = 1000;

    public ListObjectsPaginationTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(7)]
    public async Task ListObjectsV2_WithDelimiter_PaginatesFoldersAndFilesExactlyOnce(int maxKeys)
    {
        var bucket = await CreatePopulatedBucketAsync("v2-delim");
        var collected = new List<string>();
        var pages = 0;
        string? token = null;

        while (true)
        {
            var page = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/", MaxKeys = maxKeys, ContinuationToken = token });
            pages++;
            var contents = page.S3Objects ?? [];
            var prefixes = page.CommonPrefixes ?? [];
            Assert.Equal(contents.Count + prefixes.Count, page.KeyCount);
            Assert.Equal(maxKeys, page.MaxKeys);
            Assert.Equal("/", page.Delimiter);
            Assert.Equal(token, page.ContinuationToken);
            AssertObjectsDescribeTheirKeys(contents);
            collected.AddRange(MergePage(contents.Select(o => o.Key), prefixes));
            if (page.IsTruncated != true)
            {
                Assert.Null(page.NextContinuationToken);
                break;
            }

            Assert.Equal(maxKeys, page.KeyCount); // only the last page may be short
            Assert.False(string.IsNullOrEmpty(page.NextContinuationToken), "truncated page without NextContinuationToken");
            token = page.NextContinuationToken;
            Assert.True(pages < MaxPages, "pagination does not end");
        }

        Assert.Equal(ListingLayout.DelimitedEntries, collected);
        Assert.Equal((ListingLayout.DelimitedEntries.Count + maxKeys - 1) / maxKeys, pages);
    }

    [Fact]
    public async Task ListObjectsV2_WithoutDelimiter_ReturnsAll2500KeysInUtf8ByteOrder()
    {
        var bucket = await CreatePopulatedBucketAsync("v2-flat");
        var collected = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;

        do
        {
            var page = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            var contents = page.S3Objects ?? [];
            Assert.Empty(page.CommonPrefixes ?? []);
            Assert.Equal(1000, page.MaxKeys); // the default page size
            Assert.Equal(contents.Count, page.KeyCount);
            AssertObjectsDescribeTheirKeys(contents);
            collected.AddRange(contents.Select(o => o.Key));
            pageSizes.Add(contents.Count);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            Assert.True(pageSizes.Count < MaxPages, "pagination does not end");
        }
        while (token is not null);

        Assert.Equal([1000, 1000, 500], pageSizes);
        Assert.Equal(ListingLayout.AllKeys, collected);
    }

    [Fact]
    public async Task ListObjectsV1_WithDelimiter_PaginatesWithNextMarker()
    {
        const int maxKeys = 7;
        var bucket = await CreatePopulatedBucketAsync("v1-delim");
        var collected = new List<string>();
        var pages = 0;
        string? marker = null;

        while (true)
        {
            var page = await S3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Delimiter = "/", MaxKeys = maxKeys, Marker = marker });
            pages++;
            var contents = page.S3Objects ?? [];
            var prefixes = page.CommonPrefixes ?? [];
            Assert.Equal(maxKeys, page.MaxKeys);
            Assert.Equal(marker ?? "", page.Marker ?? "");
            AssertObjectsDescribeTheirKeys(contents);
            var entries = MergePage(contents.Select(o => o.Key), prefixes);
            collected.AddRange(entries);
            if (page.IsTruncated != true)
            {
                break;
            }

            Assert.Equal(maxKeys, entries.Count);
            // With a delimiter S3 sends NextMarker: the last key or common prefix of the page.
            Assert.Equal(entries[^1], page.NextMarker);
            marker = page.NextMarker;
            Assert.True(pages < MaxPages, "pagination does not end");
        }

        Assert.Equal(ListingLayout.DelimitedEntries, collected);
        Assert.Equal((ListingLayout.DelimitedEntries.Count + maxKeys - 1) / maxKeys, pages);
    }

    [Fact]
    public async Task ListObjectsV1_WithoutDelimiter_PaginatesAll2500KeysWithMarker()
    {
        var bucket = await CreatePopulatedBucketAsync("v1-flat");
        var collected = new List<string>();
        var pageSizes = new List<int>();
        string? marker = null;

        while (true)
        {
            var page = await S3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, MaxKeys = 1000, Marker = marker });
            var contents = page.S3Objects ?? [];
            Assert.Empty(page.CommonPrefixes ?? []);
            Assert.NotNull(contents.FirstOrDefault()?.Owner); // v1 always lists the owner
            collected.AddRange(contents.Select(o => o.Key));
            pageSizes.Add(contents.Count);
            if (page.IsTruncated != true)
            {
                break;
            }

            // Without a delimiter NextMarker is optional; clients continue from the last key (the SDK fills it in).
            marker = page.NextMarker ?? contents[^1].Key;
            Assert.True(pageSizes.Count < MaxPages, "pagination does not end");
        }

        Assert.Equal([1000, 1000, 500], pageSizes);
        Assert.Equal(ListingLayout.AllKeys, collected);
    }

    private async Task<string> CreatePopulatedBucketAsync(string hint)
    {
        ListingLayout.AssertLayoutIsSound();
        var bucket = await CreateBucketAsync(hint);
        await PutManyAsync(bucket, ListingLayout.AllKeys, parallelism: 32);
        return bucket;
    }

    /// <summary>One page's keys and prefixes merged in S3 order, after checking each list is itself ordered.</summary>
    private static List<string> MergePage(IEnumerable<string> keys, IEnumerable<string> prefixes)
    {
        var keyList = keys.ToList();
        var prefixList = prefixes.ToList();
        Assert.Equal(keyList.Order(Utf8Ordinal.Instance), keyList);
        Assert.Equal(prefixList.Order(Utf8Ordinal.Instance), prefixList);
        return keyList.Concat(prefixList).Order(Utf8Ordinal.Instance).ToList();
    }

    /// <summary>Each listed object's size and ETag match its body, which is its own key.</summary>
    private static void AssertObjectsDescribeTheirKeys(IEnumerable<S3Object> objects)
    {
        foreach (var o in objects)
        {
            var body = Encoding.UTF8.GetBytes(o.Key);
            Assert.Equal(body.Length, o.Size);
            Assert.Equal("\"" + TestChecksums.Md5Hex(body) + "\"", o.ETag);
        }
    }
}
