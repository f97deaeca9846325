using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// What the lifecycle sweeper relies on: the buckets that hold a setting, in name order and in pages; bounded scans
/// of exactly the keys under a prefix in UTF-8 byte order, whatever characters the keys hold; expiries that remove
/// only the object the sweeper judged and send its blobs the garbage way; and progress that survives a restart.
/// </summary>
public abstract class LifecycleStoreContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IBucketSettingsStore, IObjectStore, IUploadStore, IGarbageStore, ILifecycleStore
{
    /// <summary>Keys that a LIKE pattern would confuse ('%', '_'), multi-byte UTF-8 and a surrogate pair.</summary>
    private static readonly string[] TrickyKeys =
    [
        "a", "a%", "a%1", "a%2", "a%é", "a%😀", "a_x", "ab", "a%%", "a\\%", "b", "é", "éa", "ê", "é😀", "😀", "a%\U0010FFFF", "a&",
    ];

    [SkippableFact]
    public async Task Buckets_with_a_setting_list_in_name_order_in_pages_with_their_documents()
    {
        foreach (var name in new[] { "d", "a", "c", "b", "e" })
        {
            await CreateBucket(name);
        }

        Assert.True(await Store.SetBucketSettingAsync("d", BucketSettingNames.Lifecycle, "doc-d", None));
        Assert.True(await Store.SetBucketSettingAsync("b", BucketSettingNames.Lifecycle, "doc-b", None));
        Assert.True(await Store.SetBucketSettingAsync("c", BucketSettingNames.Lifecycle, "doc-c", None));
        Assert.True(await Store.SetBucketSettingAsync("a", BucketSettingNames.Tagging, "tags-a", None));
        Assert.True(await Store.SetBucketSettingAsync("c", BucketSettingNames.Tagging, "tags-c", None));

        Assert.Equal(
            [new BucketDocument("b", "doc-b"), new BucketDocument("c", "doc-c"), new BucketDocument("d", "doc-d")],
            await Store.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, null, 10, None));
        Assert.Equal([new BucketDocument("c", "doc-c")], await Store.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, "b", 1, None));
        Assert.Equal([new BucketDocument("d", "doc-d")], await Store.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, "c", 1, None));
        Assert.Equal([new BucketDocument("d", "doc-d")], await Store.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, "cz", 5, None));
        Assert.Empty(await Store.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, "d", 10, None));
        Assert.Empty(await Store.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, null, 0, None));
        Assert.Empty(await Store.ListBucketsWithSettingAsync("no-such-setting", null, 10, None));

        Assert.True(await Store.SetBucketSettingAsync("c", BucketSettingNames.Lifecycle, null, None));
        Assert.Equal(["b", "d"], (await Store.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, null, 10, None)).Select(d => d.Bucket));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a%")]
    [InlineData("a_")]
    [InlineData("a\\")]
    [InlineData("é")]
    [InlineData("a%\U0010FFFF")]
    [InlineData("z")]
    public async Task A_scan_reads_exactly_the_keys_under_the_prefix_in_UTF8_order_page_by_page(string prefix)
    {
        await CreateBucket("b");
        await CreateBucket("other");
        await PutKeys("b", TrickyKeys);
        await PutKeys("other", TrickyKeys.Select(k => prefix + k));
        var expected = TrickyKeys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(Utf8Order.Instance).ToList();

        var whole = await Store.ScanObjectsAsync("b", prefix, null, 1000, None);
        var paged = new List<string>();
        for (string? after = null; ;)
        {
            var page = await Store.ScanObjectsAsync("b", prefix, after, 2, None);
            Assert.InRange(page.Count, 0, 2);
            paged.AddRange(page.Select(o => o.Key));
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1].Key;
        }

        Assert.Equal(expected, whole.Select(o => o.Key));
        Assert.Equal(expected, paged);
        Assert.All(whole, o => Assert.Equal("b", o.Bucket));
    }

    [SkippableFact]
    public async Task A_scan_starts_at_the_prefix_when_the_position_is_before_it_and_is_bounded_by_max()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a1", "b1", "b2", "b3", "b4", "c1"]);

        Assert.Equal(["b1", "b2", "b3"], (await Store.ScanObjectsAsync("b", "b", "a9", 3, None)).Select(o => o.Key));
        Assert.Equal(["b3", "b4"], (await Store.ScanObjectsAsync("b", "b", "b2", 3, None)).Select(o => o.Key));
        Assert.Equal(["b2", "b3", "b4"], (await Store.ScanObjectsAsync("b", "b", "b1x", 10, None)).Select(o => o.Key));
        Assert.Empty(await Store.ScanObjectsAsync("b", "b", "b4", 10, None));
        Assert.Empty(await Store.ScanObjectsAsync("b", "b", "c", 10, None));
        Assert.Empty(await Store.ScanObjectsAsync("b", "b", null, 0, None));
        Assert.Empty(await Store.ScanObjectsAsync("missing", "", null, 10, None));
    }

    [SkippableFact]
    public async Task Scanned_records_carry_what_a_rule_judges_by_and_no_segments()
    {
        await CreateBucket("b");
        var tags = new TagSet([new Tag("tier", "cold")]);
        var record = NewObject("b", "k", NewBlobId(), NewBlobId()) with { ETag = "etag-2", LastModified = Millis(1_700_000_123_456), Tags = tags };
        await Store.PutObjectAsync(record, None);

        var scanned = Assert.Single(await Store.ScanObjectsAsync("b", "", null, 10, None));

        Assert.Equal(("b", "k", 20L, "etag-2", Millis(1_700_000_123_456), "owner"),
            (scanned.Bucket, scanned.Key, scanned.Size, scanned.ETag, scanned.LastModified, scanned.Owner));
        Assert.Equal(tags, scanned.Tags);
        Assert.Empty(scanned.Segments);
        Assert.Null(scanned.InlineContent);
    }

    [SkippableFact]
    public async Task Expiring_the_judged_object_removes_it_and_queues_its_blobs_as_garbage()
    {
        await CreateBucket("b");
        var (first, second) = (NewBlobId(), NewBlobId());
        var record = NewObject("b", "k", first, second);
        await Store.PutObjectAsync(record, None);

        Assert.True(await Store.ExpireObjectAsync("b", "k", record.ETag, record.LastModified, None));

        Assert.Null(await Store.GetObjectAsync("b", "k", None));
        Assert.Empty(await Store.ScanObjectsAsync("b", "", null, 10, None));
        var garbage = await Store.GetGarbageAsync(TimeSpan.Zero, 10, None);
        Assert.Contains(first, garbage);
        Assert.Contains(second, garbage);
        Assert.False(await Store.ExpireObjectAsync("b", "k", record.ETag, record.LastModified, None));
    }

    [SkippableFact]
    public async Task Expiring_keeps_a_blob_another_object_still_references()
    {
        await CreateBucket("b");
        var shared = NewBlobId();
        var record = NewObject("b", "k", shared);
        await Store.PutObjectAsync(record, None);
        await Store.PutObjectAsync(record with { Key = "copy" }, None);

        Assert.True(await Store.ExpireObjectAsync("b", "k", record.ETag, record.LastModified, None));

        Assert.DoesNotContain(shared, await Store.GetGarbageAsync(TimeSpan.Zero, 10, None));
        Assert.NotNull(await Store.GetObjectAsync("b", "copy", None));
    }

    [SkippableFact]
    public async Task Expiry_refuses_an_object_written_again_since_it_was_judged()
    {
        await CreateBucket("b");
        var judged = NewObject("b", "k", NewBlobId());
        await Store.PutObjectAsync(judged, None);
        var newer = NewObject("b", "k", NewBlobId()) with { LastModified = judged.LastModified.AddSeconds(1) };
        await Store.PutObjectAsync(newer, None);
        var rewrittenSameTime = NewObject("b", "k2", NewBlobId());
        await Store.PutObjectAsync(rewrittenSameTime with { ETag = "other" }, None);

        Assert.False(await Store.ExpireObjectAsync("b", "k", judged.ETag, judged.LastModified, None));
        Assert.False(await Store.ExpireObjectAsync("b", "k2", rewrittenSameTime.ETag, rewrittenSameTime.LastModified, None));
        Assert.False(await Store.ExpireObjectAsync("b", "missing", judged.ETag, judged.LastModified, None));

        AssertSameObject(newer, await Store.GetObjectAsync("b", "k", None));
        Assert.Equal("other", (await Store.GetObjectAsync("b", "k2", None))!.ETag);
        var garbage = await Store.GetGarbageAsync(TimeSpan.Zero, 10, None);
        Assert.DoesNotContain(newer.Segments[0].BlobId, garbage);
    }

    [SkippableFact]
    public async Task Progress_is_kept_by_name_replaced_forgotten_and_survives_a_restart()
    {
        Assert.Null(await Store.ReadProgressAsync("lifecycle-sweep", None));

        await Store.WriteProgressAsync("lifecycle-sweep", "bucket-a/key-1", None);
        await Store.WriteProgressAsync("other-pass", "7", None);
        await Store.WriteProgressAsync("lifecycle-sweep", "bucket-b/ключ 😀", None);

        Close(Store);
        var reopened = CreateStore(TestDirectory);
        Assert.Equal("bucket-b/ключ 😀", await reopened.ReadProgressAsync("lifecycle-sweep", None));
        Assert.Equal("7", await reopened.ReadProgressAsync("other-pass", None));

        await reopened.WriteProgressAsync("lifecycle-sweep", null, None);
        await reopened.WriteProgressAsync("never-written", null, None);
        Assert.Null(await reopened.ReadProgressAsync("lifecycle-sweep", None));
        Assert.Equal("7", await reopened.ReadProgressAsync("other-pass", None));
    }
}
