using Cairn.Core.Checksums;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// Concurrent writers (also through two store instances on the same data) and durability across a reopen.
/// </summary>
public abstract class DataSafetyContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
    public async Task Concurrent_stores_of_parts_leave_one_part_per_number_and_queue_every_replaced_blob()
    {
        await CreateBucket("b");
        var upload = NewUpload("b", "k");
        await Store.CreateUploadAsync(upload, None);
        var store = Store;
        // Ten writers for each of five part numbers, all at once: the parts of one upload are stored concurrently,
        // and each number's writers race one another.
        var parts = Enumerable.Range(0, 50).Select(i => NewPart(upload.UploadId, 1 + i % 5)).ToArray();

        await Task.WhenAll(parts.Select(part => Task.Run(() => store.PutPartAsync(part, None))));

        var stored = (await store.GetUploadWithPartsAsync(upload.UploadId, None))!.Parts;
        Assert.Equal([1, 2, 3, 4, 5], stored.Select(p => p.PartNumber));
        Assert.All(stored, part => Assert.Contains(parts, p => p.PartNumber == part.PartNumber && p.BlobId == part.BlobId));
        var garbage = await store.GetGarbageAsync(TimeSpan.Zero, 1000, None);
        Assert.Equal(parts.Select(p => p.BlobId).Except(stored.Select(p => p.BlobId)).Order(), garbage.Order());
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task A_reopened_store_sees_everything_committed_before_it_was_closed()
    {
        await CreateBucket("photos");
        var kept = NewObject("photos", "kept/é😀", NewBlobId(), NewBlobId()) with
        {
            UserMetadata = new Dictionary<string, string> { ["a"] = "b" },
            Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc64Nvme] = "AAAAAAAAAAA=" },
            ChecksumType = ChecksumType.FullObject,
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
}
