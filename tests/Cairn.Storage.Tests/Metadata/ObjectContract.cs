using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// Objects: every field round-trips; put, overwrite and delete queue exactly the blobs that lose their last reference.
/// </summary>
public abstract class ObjectContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    [SkippableFact]
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
            ChecksumType = ChecksumType.Composite,
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
    public async Task Getting_an_object_that_does_not_exist_returns_null()
    {
        await CreateBucket("photos");
        await Store.PutObjectAsync(NewObject("photos", "a/b", NewBlobId()), None);

        Assert.Null(await Store.GetObjectAsync("photos", "a", None));
        Assert.Null(await Store.GetObjectAsync("photos", "a/", None));
        Assert.Null(await Store.GetObjectAsync("photos", "A/B", None));
        Assert.Null(await Store.GetObjectAsync("missing-bucket", "a/b", None));
    }

    [SkippableFact]
    public async Task Putting_an_object_into_a_missing_bucket_fails_with_NoSuchBucket_and_stores_nothing()
    {
        var blob = NewBlobId();

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.PutObjectAsync(NewObject("missing", "k", blob), None));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
        Assert.False(await Store.IsBlobReferencedAsync(blob, None));
        await CreateBucket("missing");
        Assert.Null(await Store.GetObjectAsync("missing", "k", None));
    }

    [SkippableFact]
    public async Task Putting_an_object_into_a_deleted_bucket_fails_with_NoSuchBucket()
    {
        await CreateBucket("photos");
        await Store.DeleteBucketAsync("photos", None);

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.PutObjectAsync(NewObject("photos", "k", NewBlobId()), None));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task Overwriting_a_multipart_object_queues_every_blob_of_the_old_version()
    {
        await CreateBucket("photos");
        var oldBlobs = new[] { NewBlobId(), NewBlobId(), NewBlobId() };
        await Store.PutObjectAsync(NewObject("photos", "big", oldBlobs), None);

        await Store.PutObjectAsync(NewObject("photos", "big", NewBlobId()), None);

        Assert.Equal(oldBlobs.Order(), (await Store.GetGarbageAsync(TimeSpan.Zero, 100, None)).Order());
    }

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
    public async Task Deleting_an_object_that_does_not_exist_returns_false_and_queues_nothing()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "keep", blob), None);

        Assert.False(await Store.DeleteObjectAsync("photos", "other", None));

        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.NotNull(await Store.GetObjectAsync("photos", "keep", None));
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task Names_holding_U0000_match_nothing_and_a_marker_holding_one_is_the_position_before_it()
    {
        // A client may send any byte in a key or a listing parameter; no stored key holds U+0000.
        await CreateBucket("b");
        await PutKeys("b", ["a", "a/b", "b"]);

        Assert.Null(await Store.GetObjectAsync("b", "a\0", None));
        Assert.False(await Store.DeleteObjectAsync("b", "a\0", None));
        Assert.Empty((await Store.ListObjectsAsync("b", "a\0", null, null, 1000, None)).Objects);
        Assert.Equal(["a/b", "b"], (await Store.ListObjectsAsync("b", "", null, "a\0z", 1000, None)).Objects.Select(o => o.Key));
        Assert.Equal(["a", "a/b", "b"], (await Store.ListObjectsAsync("b", "", "\0", null, 1000, None)).Objects.Select(o => o.Key));
        Assert.Equal(3, (await Store.ListObjectsAsync("b", "", null, null, 1000, None)).Objects.Count);
    }
}
