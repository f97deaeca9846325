using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// ListObjects: UTF-8 byte order, prefix, exclusive <c>after</c>, truncation and NextMarker, delimiter roll-up.
/// </summary>
public abstract class ListingContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    [SkippableFact]
    public async Task Listing_returns_keys_in_UTF8_byte_order_which_differs_from_UTF16_order()
    {
        await CreateBucket("b");
        string[] keys = ["😀", "z", "\uFFFD", "a", "é", "\uE000", "b", "\u00FF", "\u0800"];
        await PutKeys("b", keys);

        var page = await Store.ListObjectsAsync("b", "", null, null, 1000, None);

        string[] utf8Order = ["a", "b", "z", "é", "\u00FF", "\u0800", "\uE000", "\uFFFD", "😀"];
        Assert.Equal(utf8Order, page.Objects.Select(o => o.Key));
        Assert.NotEqual(utf8Order, keys.Order(StringComparer.Ordinal)); // the test would be blind otherwise
        Assert.False(page.IsTruncated);
    }

    [SkippableFact]
    public async Task Paging_one_key_at_a_time_follows_UTF8_byte_order_across_surrogate_pairs()
    {
        await CreateBucket("b");
        string[] keys = ["😀", "z", "\uFFFD", "a", "é", "\uE000", "😀😀", "\U0010FFFF", "\uFFFDx"];
        await PutKeys("b", keys);

        var listed = await PageThrough("b", "", null, pageSize: 1);

        Assert.Equal(keys.Order(Utf8Order.Instance), listed);
    }

    [SkippableFact]
    public async Task Listing_with_a_prefix_returns_exactly_the_keys_that_start_with_it()
    {
        await CreateBucket("b");
        await PutKeys("b", ["photo", "photos", "photos/2024/a.jpg", "photos/2025/b.jpg", "photos0", "photosé", "videos/a", "Photos/x"]);

        var page = await Store.ListObjectsAsync("b", "photos/", null, null, 1000, None);

        Assert.Equal(["photos/2024/a.jpg", "photos/2025/b.jpg"], page.Objects.Select(o => o.Key));
        Assert.Empty(page.CommonPrefixes);
        Assert.False(page.IsTruncated);
    }

    [SkippableFact]
    public async Task Listing_a_prefix_that_matches_nothing_is_empty_and_not_truncated()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "c"]);

        var page = await Store.ListObjectsAsync("b", "b", "/", null, 10, None);

        Assert.Empty(page.Objects);
        Assert.Empty(page.CommonPrefixes);
        Assert.False(page.IsTruncated);
    }

    [SkippableFact]
    public async Task Listing_only_shows_keys_of_the_requested_bucket()
    {
        await CreateBucket("b");
        await CreateBucket("bb");
        await CreateBucket("a");
        await PutKeys("a", ["x", "y"]);
        await PutKeys("b", ["k1"]);
        await PutKeys("bb", ["k0", "k2"]);

        var page = await Store.ListObjectsAsync("b", "", null, null, 1000, None);

        Assert.Equal(["k1"], page.Objects.Select(o => o.Key));
        Assert.All(page.Objects, o => Assert.Equal("b", o.Bucket));
    }

    [SkippableFact]
    public async Task Listed_objects_carry_their_size_etag_last_modified_owner_and_storage_class()
    {
        await CreateBucket("b");
        var record = NewObject("b", "k", NewBlobId()) with
        {
            Size = 12_345,
            ETag = "0123456789abcdef0123456789abcdef",
            LastModified = Millis(1_650_000_000_999),
            Owner = "carol",
            Headers = new ObjectHeaders { StorageClass = "GLACIER", ContentType = "text/plain" },
            Checksums = new Dictionary<Cairn.Core.Checksums.ChecksumAlgorithm, string>
            {
                [Cairn.Core.Checksums.ChecksumAlgorithm.Crc32] = "DUoRhQ==",
                [Cairn.Core.Checksums.ChecksumAlgorithm.Sha256] = "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=",
            },
        };
        await Store.PutObjectAsync(record, None);

        var listed = Assert.Single((await Store.ListObjectsAsync("b", "", null, null, 1000, None)).Objects);

        // A listing carries what ListObjects shows; full headers and checksum values come from GetObjectAsync.
        Assert.Equal(record.Key, listed.Key);
        Assert.Equal(record.Size, listed.Size);
        Assert.Equal(record.ETag, listed.ETag);
        Assert.Equal(record.LastModified, listed.LastModified);
        Assert.Equal(record.Owner, listed.Owner);
        Assert.Equal("GLACIER", listed.Headers.StorageClass);
        Assert.Equal(record.Checksums.Keys.Order(), listed.Checksums.Keys.Order());
    }

    [SkippableFact]
    public async Task After_is_exclusive_and_need_not_be_an_existing_key()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "b", "c", "d"]);

        var fromExisting = await Store.ListObjectsAsync("b", "", null, "b", 1000, None);
        var fromMissing = await Store.ListObjectsAsync("b", "", null, "bb", 1000, None);
        var pastEnd = await Store.ListObjectsAsync("b", "", null, "e", 1000, None);

        Assert.Equal(["c", "d"], fromExisting.Objects.Select(o => o.Key));
        Assert.Equal(["c", "d"], fromMissing.Objects.Select(o => o.Key));
        Assert.Empty(pastEnd.Objects);
        Assert.False(pastEnd.IsTruncated);
    }

    [SkippableFact]
    public async Task After_that_sorts_before_the_prefix_starts_the_listing_at_the_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "m/1", "m/2", "z"]);

        var page = await Store.ListObjectsAsync("b", "m/", null, "b", 1000, None);

        Assert.Equal(["m/1", "m/2"], page.Objects.Select(o => o.Key));
    }

    [SkippableFact]
    public async Task A_full_page_with_more_keys_left_is_truncated_and_NextMarker_is_its_last_key()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "b", "c", "d", "e"]);

        var first = await Store.ListObjectsAsync("b", "", null, null, 2, None);
        var second = await Store.ListObjectsAsync("b", "", null, first.NextMarker, 2, None);
        var third = await Store.ListObjectsAsync("b", "", null, second.NextMarker, 2, None);

        Assert.Equal(["a", "b"], first.Objects.Select(o => o.Key));
        Assert.True(first.IsTruncated);
        Assert.Equal("b", first.NextMarker);
        Assert.Equal(["c", "d"], second.Objects.Select(o => o.Key));
        Assert.True(second.IsTruncated);
        Assert.Equal("d", second.NextMarker);
        Assert.Equal(["e"], third.Objects.Select(o => o.Key));
        Assert.False(third.IsTruncated);
    }

    [SkippableFact]
    public async Task A_page_that_takes_exactly_the_remaining_keys_is_not_truncated()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "b", "c", "p/1", "x"]);

        var all = await Store.ListObjectsAsync("b", "", null, null, 5, None);
        var withPrefix = await Store.ListObjectsAsync("b", "", "/", null, 5, None);

        Assert.Equal(5, all.Objects.Count);
        Assert.False(all.IsTruncated);
        Assert.Equal(["a", "b", "c", "x"], withPrefix.Objects.Select(o => o.Key));
        Assert.Equal(["p/"], withPrefix.CommonPrefixes);
        Assert.False(withPrefix.IsTruncated);
    }

    [SkippableFact]
    public async Task A_page_ending_at_the_last_key_of_the_prefix_is_not_truncated_even_if_later_keys_exist()
    {
        await CreateBucket("b");
        await PutKeys("b", ["p/1", "p/2", "q"]);

        var page = await Store.ListObjectsAsync("b", "p/", null, null, 2, None);

        Assert.Equal(["p/1", "p/2"], page.Objects.Select(o => o.Key));
        Assert.False(page.IsTruncated);
    }

    [SkippableFact]
    public async Task A_delimiter_rolls_keys_up_into_common_prefixes_that_count_against_maxKeys()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a/1", "a/2", "a/3/x", "b", "c/1", "d"]);

        var whole = await Store.ListObjectsAsync("b", "", "/", null, 1000, None);
        var firstTwo = await Store.ListObjectsAsync("b", "", "/", null, 2, None);
        var firstOne = await Store.ListObjectsAsync("b", "", "/", null, 1, None);
        var afterPrefix = await Store.ListObjectsAsync("b", "", "/", firstOne.NextMarker, 2, None);

        Assert.Equal(["b", "d"], whole.Objects.Select(o => o.Key));
        Assert.Equal(["a/", "c/"], whole.CommonPrefixes);
        Assert.False(whole.IsTruncated);

        Assert.Equal(["b"], firstTwo.Objects.Select(o => o.Key));
        Assert.Equal(["a/"], firstTwo.CommonPrefixes);
        Assert.True(firstTwo.IsTruncated);
        Assert.Equal("b", firstTwo.NextMarker);

        Assert.Empty(firstOne.Objects);
        Assert.Equal(["a/"], firstOne.CommonPrefixes);
        Assert.True(firstOne.IsTruncated);
        Assert.Equal("a/", firstOne.NextMarker);

        Assert.Equal(["b"], afterPrefix.Objects.Select(o => o.Key));
        Assert.Equal(["c/"], afterPrefix.CommonPrefixes);
        Assert.True(afterPrefix.IsTruncated);
        Assert.Equal("c/", afterPrefix.NextMarker);
    }

    [SkippableFact]
    public async Task A_delimiter_below_a_prefix_rolls_up_only_the_part_after_the_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["photos/2024/jan/a.jpg", "photos/2024/feb/b.jpg", "photos/2025/c.jpg", "photos/top.jpg", "photos/", "other/x"]);

        var page = await Store.ListObjectsAsync("b", "photos/", "/", null, 1000, None);

        Assert.Equal(["photos/", "photos/top.jpg"], page.Objects.Select(o => o.Key));
        Assert.Equal(["photos/2024/", "photos/2025/"], page.CommonPrefixes);
    }

    [SkippableFact]
    public async Task Keys_that_sort_just_around_a_common_prefix_are_neither_skipped_nor_rolled_up()
    {
        // "a.b" < "a/" < "a0": skipping past "a/" must land exactly on its successor.
        await CreateBucket("b");
        await PutKeys("b", ["a/1", "a/2", "a0", "a.b", "a", "a/", "a//x"]);

        var page = await Store.ListObjectsAsync("b", "", "/", null, 1000, None);
        var paged = await PageThrough("b", "", "/", pageSize: 1);

        Assert.Equal(["a", "a.b", "a0"], page.Objects.Select(o => o.Key));
        Assert.Equal(["a/"], page.CommonPrefixes);
        Assert.Equal(["a", "a.b", "a/", "a0"], paged);
    }

    [SkippableFact]
    public async Task Common_prefixes_with_non_ASCII_names_come_in_UTF8_order_and_page_correctly()
    {
        await CreateBucket("b");
        await PutKeys("b", ["😀/a", "😀/b", "\uFFFD/a", "\uFFFD/b", "é/x", "z/a", "\uE000/q", "😀x", "\uFFFDz"]);

        var page = await Store.ListObjectsAsync("b", "", "/", null, 1000, None);
        var paged = await PageThrough("b", "", "/", pageSize: 1);

        Assert.Equal(["z/", "é/", "\uE000/", "\uFFFD/", "😀/"], page.CommonPrefixes);
        Assert.Equal(["\uFFFDz", "😀x"], page.Objects.Select(o => o.Key));
        Assert.Equal(["z/", "é/", "\uE000/", "\uFFFD/", "\uFFFDz", "😀/", "😀x"], paged);
    }

    [SkippableFact]
    public async Task After_inside_a_common_prefix_continues_after_that_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a/1", "a/2", "a/3", "a0", "b/1", "c"]);

        var page = await Store.ListObjectsAsync("b", "", "/", "a/1", 1000, None);

        Assert.Equal(["a0", "c"], page.Objects.Select(o => o.Key));
        Assert.Equal(["b/"], page.CommonPrefixes);
    }

    [SkippableFact]
    public async Task After_equal_to_a_common_prefix_continues_after_that_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a/1", "a/2", "b/1", "c"]);

        var page = await Store.ListObjectsAsync("b", "", "/", "a/", 1000, None);

        Assert.Equal(["c"], page.Objects.Select(o => o.Key));
        Assert.Equal(["b/"], page.CommonPrefixes);
    }

    [SkippableFact]
    public async Task After_just_before_a_common_prefix_still_returns_that_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "a/1", "a/2"]);

        var page = await Store.ListObjectsAsync("b", "", "/", "a", 1000, None);

        Assert.Empty(page.Objects);
        Assert.Equal(["a/"], page.CommonPrefixes);
    }

    [SkippableFact]
    public async Task A_multi_character_delimiter_rolls_up_only_at_the_whole_delimiter()
    {
        await CreateBucket("b");
        await PutKeys("b", ["x--y--z", "x--w", "x-y", "q", "x-", "r--", "r--s"]);

        var page = await Store.ListObjectsAsync("b", "", "--", null, 1000, None);
        var paged = await PageThrough("b", "", "--", pageSize: 1);

        Assert.Equal(["q", "x-", "x-y"], page.Objects.Select(o => o.Key));
        Assert.Equal(["r--", "x--"], page.CommonPrefixes);
        Assert.Equal(["q", "r--", "x-", "x--", "x-y"], paged);
    }

    [SkippableFact]
    public async Task MaxKeys_zero_returns_an_empty_page_that_is_not_truncated()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "b/c"]);

        var plain = await Store.ListObjectsAsync("b", "", null, null, 0, None);
        var delimited = await Store.ListObjectsAsync("b", "", "/", null, 0, None);

        foreach (var page in new[] { plain, delimited })
        {
            Assert.Empty(page.Objects);
            Assert.Empty(page.CommonPrefixes);
            Assert.False(page.IsTruncated);
        }
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public async Task Paging_3000_keys_in_a_folder_layout_with_NextMarker_as_after_returns_every_entry_exactly_once(int pageSize)
    {
        await CreateBucket("b");
        var keys = FolderLayout().ToList();
        Assert.Equal(3000, keys.Distinct().Count());
        await PutKeys("b", keys);

        foreach (var (prefix, delimiter) in new (string, string?)[]
                 {
                     ("", "/"), ("dir/", "/"), ("dir03/", "/"), ("😀/", "/"), ("", null), ("dir", "/"),
                 })
        {
            var expected = ExpectedEntries(keys, prefix, delimiter);
            var listed = await PageThrough("b", prefix, delimiter, pageSize);
            Assert.Equal(expected, listed);
        }
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task A_delimiter_of_the_highest_code_point_rolls_many_keys_up_once_and_paging_ends(int pageSize)
    {
        // U+10FFFF has no successor, so the store cannot seek past this common prefix.
        const string top = "\U0010FFFF";
        await CreateBucket("b");
        var keys = Enumerable.Range(0, 300).Select(i => $"{top}k{i:D3}").Append("a").Append("b" + top + "x").ToList();
        await PutKeys("b", keys);

        var listed = await PageThrough("b", "", top, pageSize);

        Assert.Equal(["a", "b" + top, top], listed);
    }

    /// <summary>
    /// Lists page by page, passing each NextMarker as the next <c>after</c>, and checks every page on the way:
    /// entries in UTF-8 order, a truncated page full and ending at its NextMarker. Returns all entries.
    /// </summary>
    private async Task<List<string>> PageThrough(string bucket, string prefix, string? delimiter, int pageSize)
    {
        var all = new List<string>();
        string? after = null;
        var pageLimit = 10_000 / pageSize + 10;
        for (var pages = 0; pages < pageLimit; pages++)
        {
            var page = await Store.ListObjectsAsync(bucket, prefix, delimiter, after, pageSize, None);
            Assert.Equal(page.Objects.Select(o => o.Key).Order(Utf8Order.Instance), page.Objects.Select(o => o.Key));
            Assert.Equal(page.CommonPrefixes.Order(Utf8Order.Instance), page.CommonPrefixes);
            var entries = page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes).Order(Utf8Order.Instance).ToList();
            all.AddRange(entries);
            if (!page.IsTruncated)
            {
                return all;
            }

            Assert.Equal(pageSize, entries.Count);
            Assert.Equal(entries[^1], page.NextMarker);
            after = page.NextMarker;
        }

        Assert.Fail($"Listing did not end after {pageLimit} pages; entries so far: {all.Count}, last: {all.LastOrDefault()}");
        return all;
    }

    /// <summary>What a listing must return: keys under the prefix, rolled up at the delimiter, in UTF-8 order.</summary>
    private static List<string> ExpectedEntries(IEnumerable<string> keys, string prefix, string? delimiter)
    {
        var entries = new List<string>();
        foreach (var key in keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(Utf8Order.Instance))
        {
            var entry = key;
            if (!string.IsNullOrEmpty(delimiter))
            {
                var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    entry = key[..(at + delimiter.Length)];
                }
            }

            if (entries.Count == 0 || entries[^1] != entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>
    /// 3,000 keys: 300 files at the top level (more than one internal batch), keys that sort right next to the
    /// folder "dir/" ("dir", "dir.txt", "dir0..."), and nested folders with ASCII and non-ASCII names.
    /// </summary>
    private static IEnumerable<string> FolderLayout()
    {
        string[] folders = ["dir", "dir00", "dir01", "dir02", "dir03", "dir0", "dira", "é", "\uE000", "\uFFFD", "😀", "Z", "z"];
        var count = 0;
        foreach (var special in new[] { "dir", "dir.txt", "dir-", "dir0file", "dir/", "😀", "\uFFFDfile" })
        {
            count++;
            yield return special;
        }

        for (var i = 0; i < 300; i++, count++)
        {
            yield return $"top-{i:D4}.txt";
        }

        for (var i = 0; count < 3000; i++, count++)
        {
            var folder = folders[i % folders.Length];
            var sub = (i % 5) switch
            {
                0 => "",
                1 => "sub-a/",
                2 => "sub-b/deeper/",
                3 => "sub-é/",
                _ => $"s{i % 40:D2}/",
            };
            yield return $"{folder}/{sub}obj-{i:D4}";
        }
    }
}
