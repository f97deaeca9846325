using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>What monitoring relies on from any store: it answers a ping, and counts uploads in progress and queued garbage.</summary>
public abstract class StatisticsContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore, IStoreStatistics
{
    [SkippableFact]
    public async Task A_new_store_answers_and_has_no_pending_work()
    {
        await Store.PingAsync(None);

        Assert.Equal(new StoreStatistics(0, 0), await ((IStoreStatistics)Store).ReadAsync(None));
    }

    [SkippableFact]
    public async Task Uploads_in_progress_and_queued_garbage_are_counted_as_they_come_and_go()
    {
        await CreateBucket("b");
        var kept = NewUpload("b", "k1");
        var aborted = NewUpload("b", "k2");
        await Store.CreateUploadAsync(kept, None);
        await Store.CreateUploadAsync(aborted, None);
        await Store.PutPartAsync(NewPart(aborted.UploadId, 1), None);
        await Store.PutPartAsync(NewPart(aborted.UploadId, 2), None);
        Assert.Equal(new StoreStatistics(2, 0), await ((IStoreStatistics)Store).ReadAsync(None));

        Assert.True(await Store.AbortUploadAsync(aborted.UploadId, None));

        Assert.Equal(new StoreStatistics(1, 2), await ((IStoreStatistics)Store).ReadAsync(None));
    }
}
