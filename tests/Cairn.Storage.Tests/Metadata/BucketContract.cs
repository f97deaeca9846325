using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// Buckets: create (idempotent on a taken name), get, list in name order, delete (empty only).
/// </summary>
public abstract class BucketContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    [SkippableFact]
    public async Task Creating_a_new_bucket_returns_null_and_makes_the_bucket_readable()
    {
        var bucket = new BucketRecord("photos", "alice", Millis(1_700_000_000_123));

        Assert.Null(await Store.CreateBucketAsync(bucket, None));

        Assert.Equal(bucket, await Store.GetBucketAsync("photos", None));
    }

    [SkippableFact]
    public async Task Creating_a_bucket_whose_name_is_taken_returns_the_existing_record_unchanged()
    {
        var first = new BucketRecord("photos", "alice", Millis(1_700_000_000_123));
        await Store.CreateBucketAsync(first, None);

        var existing = await Store.CreateBucketAsync(new BucketRecord("photos", "bob", Millis(1_800_000_000_000)), None);

        Assert.Equal(first, existing);
        Assert.Equal(first, await Store.GetBucketAsync("photos", None));
        Assert.Single(await Store.ListBucketsAsync(None));
    }

    [SkippableFact]
    public async Task Getting_a_bucket_that_does_not_exist_returns_null()
    {
        await CreateBucket("photos");

        Assert.Null(await Store.GetBucketAsync("photo", None));
        Assert.Null(await Store.GetBucketAsync("PHOTOS", None));
    }

    [SkippableFact]
    public async Task Listing_buckets_returns_every_bucket_sorted_by_name()
    {
        foreach (var name in new[] { "zeta", "alpha-2", "mid.bucket", "alpha", "0-first" })
        {
            await CreateBucket(name);
        }

        var names = (await Store.ListBucketsAsync(None)).Select(b => b.Name).ToList();

        Assert.Equal(["0-first", "alpha", "alpha-2", "mid.bucket", "zeta"], names);
    }

    [SkippableFact]
    public async Task Deleting_a_bucket_that_does_not_exist_fails_with_NoSuchBucket()
    {
        var error = await Assert.ThrowsAsync<CairnException>(() => Store.DeleteBucketAsync("missing", None));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task Deleting_an_empty_bucket_removes_it_and_leaves_other_buckets_alone()
    {
        await CreateBucket("photos");
        await CreateBucket("videos");

        await Store.DeleteBucketAsync("photos", None);

        Assert.Null(await Store.GetBucketAsync("photos", None));
        Assert.Equal(["videos"], (await Store.ListBucketsAsync(None)).Select(b => b.Name));
    }

    [SkippableFact]
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

    [SkippableFact]
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
}
