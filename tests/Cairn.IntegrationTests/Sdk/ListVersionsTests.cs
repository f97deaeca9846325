using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// ListObjectVersions on an unversioned bucket (what sync tools and backup software call): every live
/// object exactly once with VersionId "null" and IsLatest, paged with KeyMarker/VersionIdMarker.
/// </summary>
public sealed class ListVersionsTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public ListVersionsTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData(100)]
    [InlineData(7)]
    public async Task ListVersions_UnversionedBucket_ReturnsEachObjectOnceWithNullVersion(int maxKeys)
    {
        var bucket = await CreateBucketAsync("versions");
        var keys = Enumerable.Range(0, 250).Select(i => $"v/{i % 10}/obj{i:D3}").ToList();
        await PutManyAsync(bucket, keys);
        await PutManyAsync(bucket, keys.Take(20)); // overwrites: still one version each
        foreach (var gone in keys.Skip(240))
        {
            await S3.DeleteObjectAsync(bucket, gone); // no delete markers without versioning
        }

        var expected = keys.Take(240).Order(Utf8Ordinal.Instance).ToList();
        var seen = new List<string>();
        string? keyMarker = null;
        string? versionIdMarker = null;
        var pages = 0;
        while (true)
        {
            var page = await S3.ListVersionsAsync(new ListVersionsRequest
            {
                BucketName = bucket,
                MaxKeys = maxKeys,
                KeyMarker = keyMarker,
                VersionIdMarker = versionIdMarker,
            });
            pages++;
            var versions = page.Versions ?? [];
            Assert.True(versions.Count <= maxKeys, $"page of {versions.Count} > MaxKeys {maxKeys}");
            foreach (var v in versions)
            {
                Assert.Equal("null", v.VersionId);
                Assert.True(v.IsLatest, $"{v.Key} is not IsLatest");
                Assert.False(v.IsDeleteMarker ?? false, $"{v.Key} is a delete marker");
                Assert.Equal("\"" + TestChecksums.Md5Hex(System.Text.Encoding.UTF8.GetBytes(v.Key)) + "\"", v.ETag);
                seen.Add(v.Key);
            }

            if (page.IsTruncated != true)
            {
                break;
            }

            Assert.Equal(maxKeys, versions.Count);
            Assert.Equal(versions[^1].Key, page.NextKeyMarker);
            keyMarker = page.NextKeyMarker;
            versionIdMarker = page.NextVersionIdMarker;
            Assert.True(pages < 1000, "pagination does not end");
        }

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + maxKeys - 1) / maxKeys, pages);
    }

    [Fact]
    public async Task ListVersions_WithPrefixAndDelimiter_RollsUpCommonPrefixes()
    {
        var bucket = await CreateBucketAsync("versions-delim");
        await PutManyAsync(bucket, ["a/1", "a/2", "b/1", "c", "d"]);

        var page = await S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Delimiter = "/" });

        Assert.Equal(["c", "d"], (page.Versions ?? []).Select(v => v.Key));
        Assert.Equal(["a/", "b/"], page.CommonPrefixes ?? []);
    }

    [Fact]
    public async Task ListVersions_EmptyBucket_ReturnsNothing()
    {
        var bucket = await CreateBucketAsync("versions-empty");

        var page = await S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });

        Assert.Empty(page.Versions ?? []);
        Assert.False(page.IsTruncated ?? false);
    }
}
