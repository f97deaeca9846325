using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary>
/// The behaviour the server relies on from any <see cref="IMetadataStore"/>. A concrete test class supplies a
/// fresh directory per test and a factory; calling the factory twice with the same directory must open the
/// same data (a restart, or a second server process sharing the store).
/// </summary>
public abstract class MetadataStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private IMetadataStore? _store;

    /// <summary>A directory private to the current test.</summary>
    protected abstract string TestDirectory { get; }

    /// <summary>Opens (creating if needed) the store kept in <paramref name="dir"/>.</summary>
    protected abstract IMetadataStore CreateStore(string dir);

    /// <summary>The store under test, opened on first use.</summary>
    protected IMetadataStore Store => _store ??= CreateStore(TestDirectory);

    // ---------------------------------------------------------------- buckets

    [Fact]
    public async Task Creating_a_new_bucket_returns_null_and_makes_the_bucket_readable()
    {
        var bucket = new BucketRecord("photos", "alice", Millis(1_700_000_000_123));

        Assert.Null(await Store.CreateBucketAsync(bucket, None));

        Assert.Equal(bucket, await Store.GetBucketAsync("photos", None));
    }

    [Fact]
    public async Task Creating_a_bucket_whose_name_is_taken_returns_the_existing_record_unchanged()
    {
        var first = new BucketRecord("photos", "alice", Millis(1_700_000_000_123));
        await Store.CreateBucketAsync(first, None);

        var existing = await Store.CreateBucketAsync(new BucketRecord("photos", "bob", Millis(1_800_000_000_000)), None);

        Assert.Equal(first, existing);
        Assert.Equal(first, await Store.GetBucketAsync("photos", None));
        Assert.Single(await Store.ListBucketsAsync(None));
    }

    [Fact]
    public async Task Getting_a_bucket_that_does_not_exist_returns_null()
    {
        await CreateBucket("photos");

        Assert.Null(await Store.GetBucketAsync("photo", None));
        Assert.Null(await Store.GetBucketAsync("PHOTOS", None));
    }

    [Fact]
    public async Task Listing_buckets_returns_every_bucket_sorted_by_name()
    {
        foreach (var name in new[] { "zeta", "alpha-2", "mid.bucket", "alpha", "0-first" })
        {
            await CreateBucket(name);
        }

        var names = (await Store.ListBucketsAsync(None)).Select(b => b.Name).ToList();

        Assert.Equal(["0-first", "alpha", "alpha-2", "mid.bucket", "zeta"], names);
    }

    [Fact]
    public async Task Deleting_a_bucket_that_does_not_exist_fails_with_NoSuchBucket()
    {
        var error = await Assert.ThrowsAsync<CairnException>(() => Store.DeleteBucketAsync("missing", None));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
    }

    [Fact]
    public async Task Deleting_a_bucket_that_holds_an_object_fails_with_BucketNotEmpty_and_keeps_bucket_and_object()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "cat.jpg", blob), None);

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.DeleteBucketAsync("photos", None));

        Assert.Equal(ErrorCode.BucketNotEmpty, error.Code);
        Assert.NotNull(await Store.GetBucketAsync("photos", None));
        Assert.NotNull(await Store.GetObjectAsync("photos", "cat.jpg", None));
        Assert.True(await Store.IsBlobReferencedAsync(blob, None));
        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [Fact]
    public async Task Deleting_an_empty_bucket_removes_it_and_leaves_other_buckets_alone()
    {
        await CreateBucket("photos");
        await CreateBucket("videos");

        await Store.DeleteBucketAsync("photos", None);

        Assert.Null(await Store.GetBucketAsync("photos", None));
        Assert.Equal(["videos"], (await Store.ListBucketsAsync(None)).Select(b => b.Name));
    }

    [Fact]
    public async Task Deleting_a_bucket_succeeds_once_all_its_objects_were_deleted()
    {
        await CreateBucket("photos");
        await Store.PutObjectAsync(NewObject("photos", "a", NewBlobId()), None);
        await Store.PutObjectAsync(NewObject("photos", "b", NewBlobId()), None);
        await Store.DeleteObjectAsync("photos", "a", None);
        await Store.DeleteObjectAsync("photos", "b", None);

        await Store.DeleteBucketAsync("photos", None);

        Assert.Null(await Store.GetBucketAsync("photos", None));
    }

    [Fact]
    public async Task A_bucket_recreated_after_deletion_is_empty()
    {
        await CreateBucket("photos");
        await Store.PutObjectAsync(NewObject("photos", "a", NewBlobId()), None);
        await Store.DeleteObjectAsync("photos", "a", None);
        await Store.DeleteBucketAsync("photos", None);

        await CreateBucket("photos");

        var page = await Store.ListObjectsAsync("photos", "", null, null, 1000, None);
        Assert.Empty(page.Objects);
        Assert.Null(await Store.GetObjectAsync("photos", "a", None));
    }

    // ---------------------------------------------------------------- objects

    [Fact]
    public async Task A_multipart_object_round_trips_every_field_including_segments_in_order()
    {
        await CreateBucket("photos");
        var blobs = new[] { "ffffffffffffffffffffffffffffff03", "0000000000000000000000000000aa01", "88888888888888888888888888888802" };
        var record = new ObjectRecord
        {
            Bucket = "photos",
            Key = "albums/2024/été 😀.jpg",
            Size = 5_242_880L * 2 + 17,
            ETag = "9b2cf535f27731c974343645a3985328-3",
            LastModified = Millis(1_717_171_717_171),
            Headers = new ObjectHeaders
            {
                ContentType = "image/jpeg",
                ContentEncoding = "gzip",
                ContentDisposition = "attachment; filename=\"été.jpg\"",
                ContentLanguage = "fr-CH",
                CacheControl = "max-age=3600, must-revalidate",
                Expires = "Wed, 21 Oct 2015 07:28:00 GMT",
                StorageClass = "STANDARD_IA",
            },
            UserMetadata = new Dictionary<string, string>
            {
                ["camera"] = "Nikon Z6",
                ["location"] = "Zürich \"old town\"",
                ["empty"] = "",
            },
            Checksums = new Dictionary<ChecksumAlgorithm, string>
            {
                [ChecksumAlgorithm.Crc32C] = "yZRlqg==-3",
                [ChecksumAlgorithm.Sha256] = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=-3",
            },
            ChecksumType = "COMPOSITE",
            Owner = "alice",
            PartsCount = 3,
            Segments =
            [
                new Segment(blobs[0], 0, 5_242_880, 1, "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"),
                new Segment(blobs[1], 0, 5_242_880, 2, "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2"),
                new Segment(blobs[2], 0, 17, 3, "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3"),
            ],
        };

        await Store.PutObjectAsync(record, None);
        var stored = await Store.GetObjectAsync("photos", record.Key, None);

        AssertSameObject(record, stored);
    }

    [Fact]
    public async Task A_simple_object_round_trips_its_absent_optional_fields_as_absent()
    {
        await CreateBucket("photos");
        var record = new ObjectRecord
        {
            Bucket = "photos",
            Key = "plain.txt",
            Size = 0,
            ETag = "d41d8cd98f00b204e9800998ecf8427e",
            LastModified = Millis(1_600_000_000_001),
            Segments = [new Segment(NewBlobId(), 0, 0)],
        };

        await Store.PutObjectAsync(record, None);
        var stored = await Store.GetObjectAsync("photos", "plain.txt", None);

        AssertSameObject(record, stored);
        Assert.Null(stored!.PartsCount);
        Assert.Null(stored.ChecksumType);
        Assert.Empty(stored.UserMetadata);
        Assert.Empty(stored.Checksums);
        Assert.Null(stored.Segments[0].PartNumber);
        Assert.Null(stored.Segments[0].PartETag);
    }

    [Fact]
    public async Task A_segment_that_starts_inside_its_blob_keeps_its_offset()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        var record = NewObject("photos", "slice", blob) with
        {
            Size = 300,
            Segments = [new Segment(blob, 1_000, 100), new Segment(blob, 5_000_000_000, 200)],
        };

        await Store.PutObjectAsync(record, None);

        Assert.Equal(record.Segments, (await Store.GetObjectAsync("photos", "slice", None))!.Segments);
    }

    [Fact]
    public async Task Getting_an_object_that_does_not_exist_returns_null()
    {
        await CreateBucket("photos");
        await Store.PutObjectAsync(NewObject("photos", "a/b", NewBlobId()), None);

        Assert.Null(await Store.GetObjectAsync("photos", "a", None));
        Assert.Null(await Store.GetObjectAsync("photos", "a/", None));
        Assert.Null(await Store.GetObjectAsync("photos", "A/B", None));
        Assert.Null(await Store.GetObjectAsync("missing-bucket", "a/b", None));
    }

    [Fact]
    public async Task Putting_an_object_into_a_missing_bucket_fails_with_NoSuchBucket_and_stores_nothing()
    {
        var blob = NewBlobId();

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.PutObjectAsync(NewObject("missing", "k", blob), None));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
        Assert.False(await Store.IsBlobReferencedAsync(blob, None));
        await CreateBucket("missing");
        Assert.Null(await Store.GetObjectAsync("missing", "k", None));
    }

    [Fact]
    public async Task Putting_an_object_into_a_deleted_bucket_fails_with_NoSuchBucket()
    {
        await CreateBucket("photos");
        await Store.DeleteBucketAsync("photos", None);

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.PutObjectAsync(NewObject("photos", "k", NewBlobId()), None));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
    }

    [Fact]
    public async Task Overwriting_an_object_shows_the_new_version_and_queues_the_old_blob_as_garbage()
    {
        await CreateBucket("photos");
        var (oldBlob, newBlob) = (NewBlobId(), NewBlobId());
        await Store.PutObjectAsync(NewObject("photos", "cat.jpg", oldBlob) with { ETag = "00000000000000000000000000000001" }, None);

        await Store.PutObjectAsync(NewObject("photos", "cat.jpg", newBlob) with { ETag = "00000000000000000000000000000002" }, None);

        var stored = await Store.GetObjectAsync("photos", "cat.jpg", None);
        Assert.Equal("00000000000000000000000000000002", stored!.ETag);
        Assert.Equal([newBlob], stored.Segments.Select(s => s.BlobId));
        Assert.Equal([oldBlob], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.False(await Store.IsBlobReferencedAsync(oldBlob, None));
        Assert.True(await Store.IsBlobReferencedAsync(newBlob, None));
    }

    [Fact]
    public async Task Overwriting_a_multipart_object_queues_every_blob_of_the_old_version()
    {
        await CreateBucket("photos");
        var oldBlobs = new[] { NewBlobId(), NewBlobId(), NewBlobId() };
        await Store.PutObjectAsync(NewObject("photos", "big", oldBlobs), None);

        await Store.PutObjectAsync(NewObject("photos", "big", NewBlobId()), None);

        Assert.Equal(oldBlobs.Order(), (await Store.GetGarbageAsync(TimeSpan.Zero, 100, None)).Order());
    }

    [Fact]
    public async Task Overwriting_an_object_with_a_record_that_keeps_its_blob_does_not_queue_that_blob()
    {
        // A copy of an object onto itself (to replace metadata) keeps pointing at the same blob.
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "cat.jpg", blob), None);

        await Store.PutObjectAsync(NewObject("photos", "cat.jpg", blob) with { UserMetadata = new Dictionary<string, string> { ["v"] = "2" } }, None);

        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.True(await Store.IsBlobReferencedAsync(blob, None));
        Assert.Equal("2", (await Store.GetObjectAsync("photos", "cat.jpg", None))!.UserMetadata["v"]);
    }

    [Fact]
    public async Task Overwriting_an_object_does_not_queue_a_blob_that_a_copy_under_another_key_still_references()
    {
        await CreateBucket("photos");
        await CreateBucket("backup");
        var shared = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "original", shared), None);
        await Store.PutObjectAsync(NewObject("backup", "copy", shared), None);

        await Store.PutObjectAsync(NewObject("photos", "original", NewBlobId()), None);

        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.True(await Store.IsBlobReferencedAsync(shared, None));
        Assert.Equal([shared], (await Store.GetObjectAsync("backup", "copy", None))!.Segments.Select(s => s.BlobId));
    }

    [Fact]
    public async Task Deleting_one_of_two_objects_sharing_a_blob_keeps_it_and_deleting_the_other_queues_it()
    {
        await CreateBucket("photos");
        var shared = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "original", shared), None);
        await Store.PutObjectAsync(NewObject("photos", "copy", shared), None);

        Assert.True(await Store.DeleteObjectAsync("photos", "original", None));
        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));

        Assert.True(await Store.DeleteObjectAsync("photos", "copy", None));
        Assert.Equal([shared], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [Fact]
    public async Task Deleting_an_object_returns_true_once_then_false_and_queues_all_its_blobs()
    {
        await CreateBucket("photos");
        var blobs = new[] { NewBlobId(), NewBlobId() };
        await Store.PutObjectAsync(NewObject("photos", "doc", blobs), None);

        Assert.True(await Store.DeleteObjectAsync("photos", "doc", None));
        Assert.False(await Store.DeleteObjectAsync("photos", "doc", None));

        Assert.Null(await Store.GetObjectAsync("photos", "doc", None));
        Assert.Equal(blobs.Order(), (await Store.GetGarbageAsync(TimeSpan.Zero, 100, None)).Order());
        Assert.Empty((await Store.ListObjectsAsync("photos", "", null, null, 1000, None)).Objects);
    }

    [Fact]
    public async Task Deleting_an_object_that_does_not_exist_returns_false_and_queues_nothing()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "keep", blob), None);

        Assert.False(await Store.DeleteObjectAsync("photos", "other", None));

        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.NotNull(await Store.GetObjectAsync("photos", "keep", None));
    }

    [Fact]
    public async Task Objects_with_the_same_key_in_different_buckets_are_independent()
    {
        await CreateBucket("one");
        await CreateBucket("two");
        var (blobOne, blobTwo) = (NewBlobId(), NewBlobId());
        await Store.PutObjectAsync(NewObject("one", "k", blobOne), None);
        await Store.PutObjectAsync(NewObject("two", "k", blobTwo), None);

        Assert.True(await Store.DeleteObjectAsync("one", "k", None));

        Assert.Null(await Store.GetObjectAsync("one", "k", None));
        Assert.Equal([blobTwo], (await Store.GetObjectAsync("two", "k", None))!.Segments.Select(s => s.BlobId));
        Assert.Equal([blobOne], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    // ---------------------------------------------------------------- garbage queue

    [Fact]
    public async Task Garbage_younger_than_the_minimum_age_is_not_returned()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "k", blob), None);
        await Store.DeleteObjectAsync("photos", "k", None);

        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.FromHours(1), 100, None));
        Assert.Equal([blob], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [Fact]
    public async Task Getting_garbage_returns_at_most_the_requested_number_of_blobs()
    {
        await CreateBucket("photos");
        var blobs = Enumerable.Range(0, 5).Select(_ => NewBlobId()).ToArray();
        await Store.PutObjectAsync(NewObject("photos", "k", blobs), None);
        await Store.DeleteObjectAsync("photos", "k", None);

        var some = await Store.GetGarbageAsync(TimeSpan.Zero, 2, None);

        Assert.Equal(2, some.Count);
        Assert.Subset(blobs.ToHashSet(), some.ToHashSet());
    }

    [Fact]
    public async Task Removing_garbage_forgets_exactly_the_given_blobs()
    {
        await CreateBucket("photos");
        var blobs = new[] { NewBlobId(), NewBlobId(), NewBlobId() };
        await Store.PutObjectAsync(NewObject("photos", "k", blobs), None);
        await Store.DeleteObjectAsync("photos", "k", None);

        await Store.RemoveGarbageAsync([blobs[0], blobs[2], NewBlobId()], None);

        Assert.Equal([blobs[1]], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [Fact]
    public async Task A_blob_is_referenced_exactly_while_an_object_segment_points_at_it()
    {
        await CreateBucket("photos");
        var (first, second) = (NewBlobId(), NewBlobId());
        Assert.False(await Store.IsBlobReferencedAsync(first, None));

        await Store.PutObjectAsync(NewObject("photos", "k", first, second), None);
        Assert.True(await Store.IsBlobReferencedAsync(first, None));
        Assert.True(await Store.IsBlobReferencedAsync(second, None));

        await Store.DeleteObjectAsync("photos", "k", None);
        Assert.False(await Store.IsBlobReferencedAsync(first, None));
        Assert.False(await Store.IsBlobReferencedAsync(second, None));
    }

    [Fact]
    public async Task A_queued_blob_that_is_referenced_again_reports_as_referenced()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "a", blob), None);
        await Store.DeleteObjectAsync("photos", "a", None);

        await Store.PutObjectAsync(NewObject("photos", "b", blob), None);

        Assert.True(await Store.IsBlobReferencedAsync(blob, None));
    }

    // ---------------------------------------------------------------- listing

    [Fact]
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

    [Fact]
    public async Task Paging_one_key_at_a_time_follows_UTF8_byte_order_across_surrogate_pairs()
    {
        await CreateBucket("b");
        string[] keys = ["😀", "z", "\uFFFD", "a", "é", "\uE000", "😀😀", "\U0010FFFF", "\uFFFDx"];
        await PutKeys("b", keys);

        var listed = await PageThrough("b", "", null, pageSize: 1);

        Assert.Equal(keys.Order(Utf8Order.Instance), listed);
    }

    [Fact]
    public async Task Listing_with_a_prefix_returns_exactly_the_keys_that_start_with_it()
    {
        await CreateBucket("b");
        await PutKeys("b", ["photo", "photos", "photos/2024/a.jpg", "photos/2025/b.jpg", "photos0", "photosé", "videos/a", "Photos/x"]);

        var page = await Store.ListObjectsAsync("b", "photos/", null, null, 1000, None);

        Assert.Equal(["photos/2024/a.jpg", "photos/2025/b.jpg"], page.Objects.Select(o => o.Key));
        Assert.Empty(page.CommonPrefixes);
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public async Task Listing_a_prefix_that_matches_nothing_is_empty_and_not_truncated()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "c"]);

        var page = await Store.ListObjectsAsync("b", "b", "/", null, 10, None);

        Assert.Empty(page.Objects);
        Assert.Empty(page.CommonPrefixes);
        Assert.False(page.IsTruncated);
    }

    [Fact]
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

    [Fact]
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

    [Fact]
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

    [Fact]
    public async Task After_that_sorts_before_the_prefix_starts_the_listing_at_the_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "m/1", "m/2", "z"]);

        var page = await Store.ListObjectsAsync("b", "m/", null, "b", 1000, None);

        Assert.Equal(["m/1", "m/2"], page.Objects.Select(o => o.Key));
    }

    [Fact]
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

    [Fact]
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

    [Fact]
    public async Task A_page_ending_at_the_last_key_of_the_prefix_is_not_truncated_even_if_later_keys_exist()
    {
        await CreateBucket("b");
        await PutKeys("b", ["p/1", "p/2", "q"]);

        var page = await Store.ListObjectsAsync("b", "p/", null, null, 2, None);

        Assert.Equal(["p/1", "p/2"], page.Objects.Select(o => o.Key));
        Assert.False(page.IsTruncated);
    }

    [Fact]
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

    [Fact]
    public async Task A_delimiter_below_a_prefix_rolls_up_only_the_part_after_the_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["photos/2024/jan/a.jpg", "photos/2024/feb/b.jpg", "photos/2025/c.jpg", "photos/top.jpg", "photos/", "other/x"]);

        var page = await Store.ListObjectsAsync("b", "photos/", "/", null, 1000, None);

        Assert.Equal(["photos/", "photos/top.jpg"], page.Objects.Select(o => o.Key));
        Assert.Equal(["photos/2024/", "photos/2025/"], page.CommonPrefixes);
    }

    [Fact]
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

    [Fact]
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

    [Fact]
    public async Task After_inside_a_common_prefix_continues_after_that_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a/1", "a/2", "a/3", "a0", "b/1", "c"]);

        var page = await Store.ListObjectsAsync("b", "", "/", "a/1", 1000, None);

        Assert.Equal(["a0", "c"], page.Objects.Select(o => o.Key));
        Assert.Equal(["b/"], page.CommonPrefixes);
    }

    [Fact]
    public async Task After_equal_to_a_common_prefix_continues_after_that_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a/1", "a/2", "b/1", "c"]);

        var page = await Store.ListObjectsAsync("b", "", "/", "a/", 1000, None);

        Assert.Equal(["c"], page.Objects.Select(o => o.Key));
        Assert.Equal(["b/"], page.CommonPrefixes);
    }

    [Fact]
    public async Task After_just_before_a_common_prefix_still_returns_that_prefix()
    {
        await CreateBucket("b");
        await PutKeys("b", ["a", "a/1", "a/2"]);

        var page = await Store.ListObjectsAsync("b", "", "/", "a", 1000, None);

        Assert.Empty(page.Objects);
        Assert.Equal(["a/"], page.CommonPrefixes);
    }

    [Fact]
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

    [Fact]
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

    [Theory]
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

    [Theory]
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

    // ---------------------------------------------------------------- data safety

    [Fact]
    public async Task Fifty_concurrent_puts_of_one_key_leave_one_object_and_queue_every_other_blob()
    {
        await CreateBucket("b");
        var blobs = Enumerable.Range(0, 50).Select(_ => NewBlobId()).ToArray();
        var store = Store;

        await Task.WhenAll(blobs.Select(blob => Task.Run(() => store.PutObjectAsync(NewObject("b", "contended", blob), None))));

        var winner = Assert.Single((await store.GetObjectAsync("b", "contended", None))!.Segments).BlobId;
        Assert.Contains(winner, blobs);
        Assert.Single((await store.ListObjectsAsync("b", "", null, null, 1000, None)).Objects);
        var garbage = await store.GetGarbageAsync(TimeSpan.Zero, 1000, None);
        Assert.Equal(blobs.Where(b => b != winner).Order(), garbage.Order());
        Assert.True(await store.IsBlobReferencedAsync(winner, None));
    }

    [Fact]
    public async Task Fifty_concurrent_puts_of_different_keys_all_become_visible()
    {
        await CreateBucket("b");
        var keys = Enumerable.Range(0, 50).Select(i => $"k{i:D2}").ToArray();
        var store = Store;

        await Task.WhenAll(keys.Select(key => Task.Run(() => store.PutObjectAsync(NewObject("b", key, NewBlobId()), None))));

        var page = await store.ListObjectsAsync("b", "", null, null, 1000, None);
        Assert.Equal(keys, page.Objects.Select(o => o.Key));
        Assert.Empty(await store.GetGarbageAsync(TimeSpan.Zero, 1000, None));
    }

    [Fact]
    public async Task Two_store_instances_on_the_same_data_settle_concurrent_puts_of_one_key()
    {
        // Two server processes sharing the store.
        await CreateBucket("b");
        var other = CreateStore(TestDirectory);
        var blobs = Enumerable.Range(0, 40).Select(_ => NewBlobId()).ToArray();

        await Task.WhenAll(blobs.Select((blob, i) =>
            Task.Run(() => (i % 2 == 0 ? Store : other).PutObjectAsync(NewObject("b", "contended", blob), None))));

        var fromFirst = await Store.GetObjectAsync("b", "contended", None);
        var fromSecond = await other.GetObjectAsync("b", "contended", None);
        var winner = Assert.Single(fromFirst!.Segments).BlobId;
        Assert.Equal(winner, Assert.Single(fromSecond!.Segments).BlobId);
        Assert.Equal(blobs.Where(b => b != winner).Order(), (await Store.GetGarbageAsync(TimeSpan.Zero, 1000, None)).Order());
    }

    [Fact]
    public async Task A_reopened_store_sees_everything_committed_before_it_was_closed()
    {
        await CreateBucket("photos");
        var kept = NewObject("photos", "kept/é😀", NewBlobId(), NewBlobId()) with
        {
            UserMetadata = new Dictionary<string, string> { ["a"] = "b" },
            Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc64Nvme] = "AAAAAAAAAAA=" },
            ChecksumType = "FULL_OBJECT",
            PartsCount = 2,
        };
        var deletedBlob = NewBlobId();
        await Store.PutObjectAsync(kept, None);
        await Store.PutObjectAsync(NewObject("photos", "deleted", deletedBlob), None);
        await Store.DeleteObjectAsync("photos", "deleted", None);
        await CreateBucket("empty");
        Close(Store);

        var reopened = CreateStore(TestDirectory);

        Assert.Equal(["empty", "photos"], (await reopened.ListBucketsAsync(None)).Select(b => b.Name));
        AssertSameObject(kept, await reopened.GetObjectAsync("photos", kept.Key, None));
        Assert.Null(await reopened.GetObjectAsync("photos", "deleted", None));
        Assert.Equal([deletedBlob], await reopened.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.Equal([kept.Key], (await reopened.ListObjectsAsync("photos", "", null, null, 1000, None)).Objects.Select(o => o.Key));
    }

    // ---------------------------------------------------------------- helpers

    protected static string NewBlobId() => Guid.NewGuid().ToString("N");

    protected static DateTimeOffset Millis(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    protected static ObjectRecord NewObject(string bucket, string key, params string[] blobIds) => new()
    {
        Bucket = bucket,
        Key = key,
        Size = 10L * blobIds.Length,
        ETag = "d41d8cd98f00b204e9800998ecf8427e",
        LastModified = Millis(1_700_000_000_000),
        Owner = "owner",
        Segments = blobIds.Select(id => new Segment(id, 0, 10)).ToList(),
    };

    private static void Close(IMetadataStore store)
    {
        if (store is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private async Task CreateBucket(string name) =>
        Assert.Null(await Store.CreateBucketAsync(new BucketRecord(name, "owner", Millis(1_700_000_000_000)), None));

    private async Task PutKeys(string bucket, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            await Store.PutObjectAsync(NewObject(bucket, key, NewBlobId()), None);
        }
    }

    private static void AssertSameObject(ObjectRecord expected, ObjectRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Bucket, actual.Bucket);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.ETag, actual.ETag);
        Assert.Equal(expected.LastModified, actual.LastModified);
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Equal(expected.UserMetadata.OrderBy(p => p.Key, StringComparer.Ordinal), actual.UserMetadata.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Checksums.OrderBy(p => p.Key), actual.Checksums.OrderBy(p => p.Key));
        Assert.Equal(expected.ChecksumType, actual.ChecksumType);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.PartsCount, actual.PartsCount);
        Assert.Equal(expected.Segments, actual.Segments);
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
