using Cairn.Core.Errors;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// The garbage queue: minimum age, batch size, removal, whether a blob counts as referenced, and the collector's
/// claim (<c>DoomAsync</c>) after which a blob can never be referenced again.
/// </summary>
public abstract class GarbageContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    [SkippableFact]
    public async Task Garbage_younger_than_the_minimum_age_is_not_returned()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "k", blob), None);
        await Store.DeleteObjectAsync("photos", "k", None);

        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.FromHours(1), 100, None));
        Assert.Equal([blob], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task Removing_garbage_forgets_exactly_the_given_blobs()
    {
        await CreateBucket("photos");
        var blobs = new[] { NewBlobId(), NewBlobId(), NewBlobId() };
        await Store.PutObjectAsync(NewObject("photos", "k", blobs), None);
        await Store.DeleteObjectAsync("photos", "k", None);

        await Store.RemoveGarbageAsync([blobs[0], blobs[2], NewBlobId()], None);

        Assert.Equal([blobs[1]], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task A_queued_blob_that_is_referenced_again_reports_as_referenced()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "a", blob), None);
        await Store.DeleteObjectAsync("photos", "a", None);

        await Store.PutObjectAsync(NewObject("photos", "b", blob), None);

        Assert.True(await Store.IsBlobReferencedAsync(blob, None));
    }

    [SkippableFact]
    public async Task Dooming_returns_the_unreferenced_candidates_and_drops_referenced_ones_from_the_queue()
    {
        await CreateBucket("photos");
        var (queued, inObject, orphan) = (NewBlobId(), NewBlobId(), NewBlobId());
        await Store.PutObjectAsync(NewObject("photos", "gone", queued), None);
        await Store.DeleteObjectAsync("photos", "gone", None);
        await Store.PutObjectAsync(NewObject("photos", "kept", inObject), None);
        var upload = NewUpload("photos", "big");
        await Store.CreateUploadAsync(upload, None);
        var part = NewPart(upload.UploadId, 1);
        await Store.PutPartAsync(part, None);

        var doomed = await Store.DoomAsync([queued, inObject, part.BlobId, orphan], None);

        Assert.Equal(new[] { queued, orphan }.Order(), doomed.Order());
        var garbage = await Store.GetGarbageAsync(TimeSpan.Zero, 100, None);
        Assert.DoesNotContain(inObject, garbage);
        Assert.DoesNotContain(part.BlobId, garbage);
        Assert.True(await Store.IsBlobReferencedAsync(inObject, None));
        Assert.True(await Store.IsBlobReferencedAsync(part.BlobId, None));
    }

    [SkippableFact]
    public async Task Putting_an_object_that_references_a_doomed_blob_fails_with_NoSuchKey_and_stores_nothing()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        await Store.PutObjectAsync(NewObject("photos", "source", blob), None);
        await Store.DeleteObjectAsync("photos", "source", None);
        Assert.Equal([blob], await Store.DoomAsync([blob], None));

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.PutObjectAsync(NewObject("photos", "copy", NewBlobId(), blob), None));

        Assert.Equal(ErrorCode.NoSuchKey, error.Code);
        Assert.Null(await Store.GetObjectAsync("photos", "copy", None));
        Assert.False(await Store.IsBlobReferencedAsync(blob, None));
    }

    [SkippableFact]
    public async Task Putting_a_part_that_references_a_doomed_blob_fails_with_NoSuchKey_and_stores_nothing()
    {
        await CreateBucket("photos");
        var blob = NewBlobId();
        Assert.Equal([blob], await Store.DoomAsync([blob], None));
        var upload = NewUpload("photos", "big");
        await Store.CreateUploadAsync(upload, None);

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.PutPartAsync(NewPart(upload.UploadId, 1) with { BlobId = blob }, None));

        Assert.Equal(ErrorCode.NoSuchKey, error.Code);
        Assert.Empty((await Store.ListPartsAsync(upload.UploadId, 0, 1000, None))!.Parts);
        Assert.False(await Store.IsBlobReferencedAsync(blob, None));
    }
}
