using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// What verify relies on: every blob a segment or a part references, each once, in ordinal order and in pages; who
/// references a blob; and whether an unreferenced blob is already queued as garbage.
/// </summary>
public abstract class StoreAuditContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore, IStoreAudit
{
    [SkippableFact]
    public async Task Referenced_blobs_list_each_once_in_ordinal_order_page_by_page()
    {
        await CreateBucket("b");
        var shared = NewBlobId();
        var objectOnly = NewBlobId();
        var deleted = NewBlobId();
        await Store.PutObjectAsync(NewObject("b", "k", shared, objectOnly, shared), None);
        await Store.PutObjectAsync(NewObject("b", "copy", shared), None);
        await Store.PutObjectAsync(NewObject("b", "gone", deleted), None);
        Assert.True(await Store.DeleteObjectAsync("b", "gone", None));
        var upload = NewUpload("b", "up");
        await Store.CreateUploadAsync(upload, None);
        var part = NewPart(upload.UploadId, 1);
        await Store.PutPartAsync(part, None);
        await Store.PutPartAsync(NewPart(upload.UploadId, 2) with { BlobId = shared }, None);
        var expected = new[] { shared, objectOnly, part.BlobId }.Order(StringComparer.Ordinal).ToList();

        var whole = await Store.ListReferencedBlobsAsync(null, 100, None);
        var paged = new List<string>();
        for (string? after = null; ;)
        {
            var page = await Store.ListReferencedBlobsAsync(after, 2, None);
            Assert.InRange(page.Count, 0, 2);
            paged.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1];
        }

        Assert.Equal(expected, whole);
        Assert.Equal(expected, paged);
        Assert.Equal(expected.Skip(1), await Store.ListReferencedBlobsAsync(expected[0], 100, None));
        Assert.Empty(await Store.ListReferencedBlobsAsync(expected[^1], 100, None));
        Assert.Empty(await Store.ListReferencedBlobsAsync(null, 0, None));
    }

    [SkippableFact]
    public async Task A_blob_reference_names_each_object_once_and_each_upload_part()
    {
        await CreateBucket("b");
        var shared = NewBlobId();
        await Store.PutObjectAsync(NewObject("b", "k", shared, shared), None);
        await Store.PutObjectAsync(NewObject("b", "copy", shared, NewBlobId()), None);
        var upload = NewUpload("b", "up");
        await Store.CreateUploadAsync(upload, None);
        await Store.PutPartAsync(NewPart(upload.UploadId, 3) with { BlobId = shared }, None);
        var alone = NewPart(upload.UploadId, 4);
        await Store.PutPartAsync(alone, None);

        Assert.Equal(
            [
                new BlobReference(shared, "b", "copy", null, null),
                new BlobReference(shared, "b", "k", null, null),
                new BlobReference(shared, "b", "up", upload.UploadId, 3),
            ],
            await Store.FindBlobReferencesAsync(shared, None));
        Assert.Equal([new BlobReference(alone.BlobId, "b", "up", upload.UploadId, 4)], await Store.FindBlobReferencesAsync(alone.BlobId, None));
        Assert.Empty(await Store.FindBlobReferencesAsync(NewBlobId(), None));
    }

    [SkippableFact]
    public async Task A_blob_is_queued_once_nothing_references_it_and_not_before()
    {
        await CreateBucket("b");
        var (live, dropped) = (NewBlobId(), NewBlobId());
        await Store.PutObjectAsync(NewObject("b", "live", live), None);
        await Store.PutObjectAsync(NewObject("b", "dropped", dropped), None);

        Assert.True(await Store.DeleteObjectAsync("b", "dropped", None));

        Assert.True(await Store.IsQueuedAsync(dropped, None));
        Assert.Empty(await Store.FindBlobReferencesAsync(dropped, None));
        Assert.False(await Store.IsQueuedAsync(live, None));
        Assert.False(await Store.IsQueuedAsync(NewBlobId(), None));
        await Store.RemoveGarbageAsync([dropped], None);
        Assert.False(await Store.IsQueuedAsync(dropped, None));
    }
}
