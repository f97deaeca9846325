using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// ListMultipartUploads: order by key (UTF-8), then initiation time, then id; exclusive (key, upload id)
/// markers; prefix; delimiter roll-up; truncation markers.
/// </summary>
public abstract class UploadListingContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    [SkippableFact]
    public async Task Uploads_are_listed_by_key_in_UTF8_order_then_initiation_time_then_id()
    {
        await CreateOrderedUploads();
        await CreateBucket("c");
        await Store.CreateUploadAsync(NewUpload("c", "m", "u-other"), None);

        var page = await Store.ListUploadsAsync("b", "", null, null, null, 1000, None);

        Assert.Equal(OrderedIds, page.Uploads.Select(u => u.UploadId));
        Assert.All(page.Uploads, u => Assert.Equal("b", u.Bucket));
        Assert.Empty(page.CommonPrefixes);
        Assert.False(page.IsTruncated);
        Assert.Null(page.NextKeyMarker);
        Assert.Null(page.NextUploadIdMarker);
    }

    [SkippableFact]
    public async Task An_upload_id_marker_whose_upload_ended_since_the_last_page_still_continues_after_it()
    {
        await CreateBucket("b");
        var ids = new[] { 1_700_000_000_000L, 1_700_000_001_000L, 1_700_000_002_000L }
            .Select(ms => Cairn.Core.Multipart.UploadIds.New(Millis(ms)))
            .ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            await Store.CreateUploadAsync(NewUpload("b", "k", ids[i], 1_700_000_000_000L + i * 1000), None);
        }

        var first = await Store.ListUploadsAsync("b", "", null, null, null, 1, None);
        Assert.Equal([ids[0]], first.Uploads.Select(u => u.UploadId));
        Assert.True(await Store.AbortUploadAsync(ids[0], None));

        var next = await Store.ListUploadsAsync("b", "", null, first.NextKeyMarker, first.NextUploadIdMarker, 10, None);

        Assert.Equal([ids[1], ids[2]], next.Uploads.Select(u => u.UploadId));
    }

    [SkippableFact]
    public async Task Key_and_upload_id_markers_are_exclusive()
    {
        await CreateOrderedUploads();

        var afterMiddleOfKey = await Ids("m", "u-3");
        var afterFirstOfKey = await Ids("m", "u-2");
        var afterLastOfKey = await Ids("m", "u-1");
        var keyOnly = await Ids("m", null);
        var missingKey = await Ids("b", null);
        var pastEnd = await Ids("😀", null);

        Assert.Equal(["u-1", "u-7", "u-5", "u-0"], afterMiddleOfKey);
        Assert.Equal(["u-3", "u-1", "u-7", "u-5", "u-0"], afterFirstOfKey);
        Assert.Equal(["u-7", "u-5", "u-0"], afterLastOfKey);
        Assert.Equal(["u-7", "u-5", "u-0"], keyOnly);
        Assert.Equal(["u-2", "u-3", "u-1", "u-7", "u-5", "u-0"], missingKey);
        Assert.Empty(pastEnd);
    }

    [SkippableFact]
    public async Task A_full_page_with_more_left_is_truncated_and_its_markers_continue_exactly_after_it()
    {
        await CreateOrderedUploads();

        var first = await Store.ListUploadsAsync("b", "", null, null, null, 2, None);
        var second = await Store.ListUploadsAsync("b", "", null, first.NextKeyMarker, first.NextUploadIdMarker, 2, None);
        var third = await Store.ListUploadsAsync("b", "", null, second.NextKeyMarker, second.NextUploadIdMarker, 2, None);
        var fourth = await Store.ListUploadsAsync("b", "", null, third.NextKeyMarker, third.NextUploadIdMarker, 2, None);
        var exactFit = await Store.ListUploadsAsync("b", "", null, null, null, OrderedIds.Length, None);

        Assert.Equal(["u-9", "u-2"], first.Uploads.Select(u => u.UploadId));
        Assert.True(first.IsTruncated);
        Assert.Equal(("m", "u-2"), (first.NextKeyMarker, first.NextUploadIdMarker));
        Assert.Equal(["u-3", "u-1"], second.Uploads.Select(u => u.UploadId));
        Assert.True(second.IsTruncated);
        Assert.Equal(("m", "u-1"), (second.NextKeyMarker, second.NextUploadIdMarker));
        Assert.Equal(["u-7", "u-5"], third.Uploads.Select(u => u.UploadId));
        Assert.True(third.IsTruncated);
        Assert.Equal(("\uFFFD", "u-5"), (third.NextKeyMarker, third.NextUploadIdMarker));
        Assert.Equal(["u-0"], fourth.Uploads.Select(u => u.UploadId));
        Assert.False(fourth.IsTruncated);
        Assert.Null(fourth.NextKeyMarker);
        Assert.Null(fourth.NextUploadIdMarker);
        Assert.Equal(OrderedIds, exactFit.Uploads.Select(u => u.UploadId));
        Assert.False(exactFit.IsTruncated);
    }

    [SkippableFact]
    public async Task Listing_with_a_prefix_returns_exactly_the_uploads_whose_key_starts_with_it()
    {
        await CreateBucket("b");
        foreach (var key in new[] { "photo", "photos/a", "photos/b", "photosé", "videos/a", "Photos/x", "photos/a" })
        {
            await Store.CreateUploadAsync(NewUpload("b", key), None);
        }

        var page = await Store.ListUploadsAsync("b", "photos/", null, null, null, 1000, None);
        var nothing = await Store.ListUploadsAsync("b", "q", "/", null, null, 10, None);

        Assert.Equal(["photos/a", "photos/a", "photos/b"], page.Uploads.Select(u => u.Key));
        Assert.False(page.IsTruncated);
        Assert.Empty(nothing.Uploads);
        Assert.Empty(nothing.CommonPrefixes);
        Assert.False(nothing.IsTruncated);
    }

    [SkippableFact]
    public async Task A_delimiter_rolls_uploads_up_into_common_prefixes_that_count_against_max()
    {
        await CreateBucket("b");
        var ids = new Dictionary<string, string>();
        foreach (var key in new[] { "a/1", "a/2", "a/2", "b", "c/1", "c/2/x", "d" })
        {
            var upload = NewUpload("b", key);
            await Store.CreateUploadAsync(upload, None);
            ids[key] = upload.UploadId;
        }

        var whole = await Store.ListUploadsAsync("b", "", "/", null, null, 1000, None);
        var firstOne = await Store.ListUploadsAsync("b", "", "/", null, null, 1, None);
        var firstTwo = await Store.ListUploadsAsync("b", "", "/", null, null, 2, None);
        var afterPrefix = await Store.ListUploadsAsync("b", "", "/", firstOne.NextKeyMarker, firstOne.NextUploadIdMarker, 2, None);
        var rest = await Store.ListUploadsAsync("b", "", "/", afterPrefix.NextKeyMarker, afterPrefix.NextUploadIdMarker, 2, None);

        Assert.Equal(["b", "d"], whole.Uploads.Select(u => u.Key));
        Assert.Equal(["a/", "c/"], whole.CommonPrefixes);
        Assert.False(whole.IsTruncated);

        Assert.Empty(firstOne.Uploads);
        Assert.Equal(["a/"], firstOne.CommonPrefixes);
        Assert.True(firstOne.IsTruncated);
        Assert.Equal(("a/", (string?)null), (firstOne.NextKeyMarker, firstOne.NextUploadIdMarker));

        Assert.Equal(["b"], firstTwo.Uploads.Select(u => u.Key));
        Assert.Equal(["a/"], firstTwo.CommonPrefixes);
        Assert.True(firstTwo.IsTruncated);
        Assert.Equal(("b", ids["b"]), (firstTwo.NextKeyMarker, firstTwo.NextUploadIdMarker));

        Assert.Equal(["b"], afterPrefix.Uploads.Select(u => u.Key));
        Assert.Equal(["c/"], afterPrefix.CommonPrefixes);
        Assert.True(afterPrefix.IsTruncated);
        Assert.Equal(("c/", (string?)null), (afterPrefix.NextKeyMarker, afterPrefix.NextUploadIdMarker));

        Assert.Equal(["d"], rest.Uploads.Select(u => u.Key));
        Assert.Empty(rest.CommonPrefixes);
        Assert.False(rest.IsTruncated);
    }

    [SkippableFact]
    public async Task A_delimiter_below_a_prefix_rolls_up_only_the_part_after_the_prefix()
    {
        await CreateBucket("b");
        foreach (var key in new[] { "photos/2024/jan/a", "photos/2024/b", "photos/2025/c", "photos/top", "photos/", "other/x" })
        {
            await Store.CreateUploadAsync(NewUpload("b", key), None);
        }

        var page = await Store.ListUploadsAsync("b", "photos/", "/", null, null, 1000, None);

        Assert.Equal(["photos/", "photos/top"], page.Uploads.Select(u => u.Key));
        Assert.Equal(["photos/2024/", "photos/2025/"], page.CommonPrefixes);
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public async Task Paging_with_the_returned_markers_lists_every_upload_and_prefix_exactly_once(int pageSize)
    {
        await CreateBucket("b");
        string[] keys = ["a", "a/1", "a/1", "a/2", "a.b", "a0", "é/x", "\uFFFD/y", "😀/z", "😀", "z", "z", "z"];
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            await Store.CreateUploadAsync(NewUpload("b", key, $"id-{i:D2}", 1_700_000_000_000 - i), None);
        }

        foreach (var delimiter in new[] { null, "/" })
        {
            var expected = new List<string>();
            foreach (var key in keys.Order(Utf8Order.Instance))
            {
                var at = delimiter is null ? -1 : key.IndexOf(delimiter, StringComparison.Ordinal);
                var entry = at < 0 ? key : key[..(at + 1)];
                if (at < 0 || expected.Count == 0 || expected[^1] != entry)
                {
                    expected.Add(entry);
                }
            }

            Assert.Equal(expected, await PageThrough("b", delimiter, pageSize));
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>The ids of <see cref="CreateOrderedUploads"/> in listing order.</summary>
    private static readonly string[] OrderedIds = ["u-9", "u-2", "u-3", "u-1", "u-7", "u-5", "u-0"];

    /// <summary>
    /// Uploads created out of order: three of key "m" (two initiated at the same millisecond, told apart by
    /// id), and keys whose UTF-8 order differs from their UTF-16 order ("\uFFFD" before "😀").
    /// </summary>
    private async Task CreateOrderedUploads()
    {
        await CreateBucket("b");
        foreach (var upload in new[]
                 {
                     NewUpload("b", "😀", "u-0", 1), NewUpload("b", "m", "u-3", 2_000), NewUpload("b", "é", "u-7", 5),
                     NewUpload("b", "m", "u-1", 3_000), NewUpload("b", "\uFFFD", "u-5", 1), NewUpload("b", "m", "u-2", 2_000),
                     NewUpload("b", "a", "u-9", 9_000),
                 })
        {
            await Store.CreateUploadAsync(upload, None);
        }
    }

    private async Task<List<string>> Ids(string keyMarker, string? uploadIdMarker) =>
        (await Store.ListUploadsAsync("b", "", null, keyMarker, uploadIdMarker, 1000, None)).Uploads.Select(u => u.UploadId).ToList();

    /// <summary>
    /// Lists page by page with each page's markers, checking that a truncated page is full and that its markers
    /// name its last entry. Returns every entry (an upload's key, or a common prefix) in listing order.
    /// </summary>
    private async Task<List<string>> PageThrough(string bucket, string? delimiter, int pageSize)
    {
        var all = new List<string>();
        var (keyMarker, uploadIdMarker) = ((string?)null, (string?)null);
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await Store.ListUploadsAsync(bucket, "", delimiter, keyMarker, uploadIdMarker, pageSize, None);
            var entries = page.Uploads.Select(u => (Entry: u.Key, Id: (string?)u.UploadId))
                .Concat(page.CommonPrefixes.Select(p => (Entry: p, Id: (string?)null)))
                .OrderBy(e => e.Entry, Utf8Order.Instance).ToList();
            all.AddRange(entries.Select(e => e.Entry));
            if (!page.IsTruncated)
            {
                return all;
            }

            Assert.Equal(pageSize, entries.Count);
            Assert.Equal(entries[^1], (page.NextKeyMarker!, page.NextUploadIdMarker));
            (keyMarker, uploadIdMarker) = (page.NextKeyMarker, page.NextUploadIdMarker);
        }

        Assert.Fail($"Listing did not end after 100 pages; entries so far: {all.Count}");
        return all;
    }
}
