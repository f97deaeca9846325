using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// Bucket configuration documents: created with their bucket in one step, set, replaced and removed one by one, read
/// with the bucket, and gone with it, also when a write races the deletion; buckets listed by owner.
/// </summary>
public abstract class BucketSettingsContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IBucketSettingsStore, IObjectStore, IUploadStore, IGarbageStore
{
    private static readonly Dictionary<string, string> FirstDocuments = new()
    {
        [BucketSettingNames.Acl] = """[{"type":"group","value":"http://acs.amazonaws.com/groups/global/AllUsers","permission":"READ"}]""",
        [BucketSettingNames.OwnershipControls] = "BucketOwnerEnforced",
    };

    [SkippableFact]
    public async Task A_bucket_created_with_documents_reads_back_with_exactly_those_documents()
    {
        var bucket = new BucketRecord("photos", "alice", Millis(1_700_000_000_123));

        Assert.Null(await Store.CreateBucketAsync(bucket, FirstDocuments, None));

        var settings = await Store.GetBucketSettingsAsync("photos", None);
        Assert.NotNull(settings);
        Assert.Equal(bucket, settings.Bucket);
        Assert.Equal(FirstDocuments.OrderBy(d => d.Key, StringComparer.Ordinal), settings.Documents.OrderBy(d => d.Key, StringComparer.Ordinal));
        Assert.Equal(bucket, await Store.GetBucketAsync("photos", None));
    }

    [SkippableFact]
    public async Task Creating_a_taken_name_with_documents_returns_the_existing_bucket_and_writes_no_document()
    {
        var first = new BucketRecord("photos", "alice", Millis(1_700_000_000_123));
        await Store.CreateBucketAsync(first, new Dictionary<string, string>(), None);

        var existing = await Store.CreateBucketAsync(new BucketRecord("photos", "bob", Millis(1_800_000_000_000)), FirstDocuments, None);

        Assert.Equal(first, existing);
        var settings = await Store.GetBucketSettingsAsync("photos", None);
        Assert.Equal(first, settings!.Bucket);
        Assert.Empty(settings.Documents);
    }

    [SkippableFact]
    public async Task A_document_is_set_replaced_and_removed_without_touching_the_others()
    {
        await Store.CreateBucketAsync(new BucketRecord("b", "alice", Millis(1_700_000_000_000)), FirstDocuments, None);

        Assert.True(await Store.SetBucketSettingAsync("b", BucketSettingNames.Policy, """{"Version":"2012-10-17","Statement":[]}""", None));
        Assert.True(await Store.SetBucketSettingAsync("b", BucketSettingNames.OwnershipControls, "ObjectWriter", None));
        Assert.True(await Store.SetBucketSettingAsync("b", BucketSettingNames.Acl, null, None));
        Assert.True(await Store.SetBucketSettingAsync("b", BucketSettingNames.Cors, null, None));

        var settings = await Store.GetBucketSettingsAsync("b", None);
        Assert.Equal(2, settings!.Documents.Count);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", settings.Get(BucketSettingNames.Policy));
        Assert.Equal("ObjectWriter", settings.Get(BucketSettingNames.OwnershipControls));
        Assert.Null(settings.Get(BucketSettingNames.Acl));
    }

    [SkippableFact]
    public async Task A_missing_bucket_has_no_settings_and_takes_no_document()
    {
        await CreateBucket("other");

        Assert.Null(await Store.GetBucketSettingsAsync("missing", None));
        Assert.False(await Store.SetBucketSettingAsync("missing", BucketSettingNames.Policy, "{}", None));
        Assert.False(await Store.SetBucketSettingAsync("missing", BucketSettingNames.Policy, null, None));

        await CreateBucket("missing");
        Assert.Empty((await Store.GetBucketSettingsAsync("missing", None))!.Documents);
    }

    [SkippableFact]
    public async Task Deleting_a_bucket_removes_its_documents_so_a_new_bucket_of_that_name_starts_bare()
    {
        await Store.CreateBucketAsync(new BucketRecord("b", "alice", Millis(1_700_000_000_000)), FirstDocuments, None);
        await Store.SetBucketSettingAsync("b", BucketSettingNames.Cors, "[]", None);

        await Store.DeleteBucketAsync("b", None);

        Assert.Null(await Store.GetBucketSettingsAsync("b", None));
        await Store.CreateBucketAsync(new BucketRecord("b", "bob", Millis(1_800_000_000_000)), None);
        var settings = await Store.GetBucketSettingsAsync("b", None);
        Assert.Equal("bob", settings!.Bucket.Owner);
        Assert.Empty(settings.Documents);
    }

    [SkippableFact]
    public async Task A_document_written_while_its_bucket_is_deleted_never_outlives_the_bucket()
    {
        for (var round = 0; round < 20; round++)
        {
            var name = $"race-{round}";
            await CreateBucket(name);
            var set = Task.Run(() => Store.SetBucketSettingAsync(name, BucketSettingNames.Policy, "{}", None));
            var delete = Task.Run(() => Store.DeleteBucketAsync(name, None));
            await Task.WhenAll(set, delete);

            await CreateBucket(name);
            Assert.Empty((await Store.GetBucketSettingsAsync(name, None))!.Documents);
        }
    }

    [SkippableFact]
    public async Task A_bucket_that_is_not_empty_keeps_its_documents_when_its_deletion_is_refused()
    {
        await Store.CreateBucketAsync(new BucketRecord("b", "alice", Millis(1_700_000_000_000)), FirstDocuments, None);
        await Store.PutObjectAsync(NewObject("b", "k", NewBlobId()), None);

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.DeleteBucketAsync("b", None));

        Assert.Equal(ErrorCode.BucketNotEmpty, error.Code);
        Assert.Equal(FirstDocuments.Count, (await Store.GetBucketSettingsAsync("b", None))!.Documents.Count);
    }

    [SkippableFact]
    public async Task Buckets_owned_by_a_user_are_listed_in_name_order_and_nobody_elses()
    {
        foreach (var (name, owner) in new[] { ("zeta", "alice"), ("alpha", "bob"), ("mid", "alice"), ("Beta", "alice") })
        {
            await Store.CreateBucketAsync(new BucketRecord(name, owner, Millis(1_700_000_000_000)), None);
        }

        Assert.Equal(["Beta", "mid", "zeta"], (await Store.ListBucketsOwnedByAsync("alice", None)).Select(b => b.Name));
        Assert.Equal(["alpha"], (await Store.ListBucketsOwnedByAsync("bob", None)).Select(b => b.Name));
        Assert.Empty(await Store.ListBucketsOwnedByAsync("carol", None));
    }
}
