using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// Object and upload tags: what a PUT, a multipart upload or a tag change records is what every later read returns,
/// in the order it was given; no tags reads back as the empty set; replacing an object replaces its tags.
/// </summary>
public abstract class ObjectTagContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    protected static readonly TagSet Project = new([new Tag("project", "cairn"), new Tag("tier", "gold")]);

    protected static readonly TagSet Unicode = new([new Tag("zeta", "last first"), new Tag("ключ", "значение ✓"), new Tag("a", "")]);

    [SkippableFact]
    public async Task An_object_keeps_the_tags_it_was_put_with_in_order()
    {
        await CreateBucket("b");
        await Store.PutObjectAsync(NewObject("b", "tagged", NewBlobId()) with { Tags = Unicode }, None);

        var stored = await Store.GetObjectAsync("b", "tagged", None);

        Assert.Equal(Unicode, stored!.Tags);
        Assert.Equal(["zeta", "ключ", "a"], stored.Tags.Select(t => t.Key));
    }

    [SkippableFact]
    public async Task An_object_put_without_tags_reads_back_the_empty_set()
    {
        await CreateBucket("b");
        await Store.PutObjectAsync(NewObject("b", "plain", NewBlobId()), None);
        await Store.PutObjectAsync(NewObject("b", "explicitly-empty", NewBlobId()) with { Tags = new TagSet([]) }, None);

        Assert.True((await Store.GetObjectAsync("b", "plain", None))!.Tags.IsEmpty);
        Assert.True((await Store.GetObjectAsync("b", "explicitly-empty", None))!.Tags.IsEmpty);
    }

    [SkippableFact]
    public async Task Replacing_an_object_replaces_its_tags()
    {
        await CreateBucket("b");
        await Store.PutObjectAsync(NewObject("b", "k", NewBlobId()) with { Tags = Project }, None);
        await Store.PutObjectAsync(NewObject("b", "gone", NewBlobId()) with { Tags = Project }, None);

        await Store.PutObjectAsync(NewObject("b", "k", NewBlobId()) with { Tags = Unicode }, None);
        await Store.PutObjectAsync(NewObject("b", "gone", NewBlobId()), None);

        Assert.Equal(Unicode, (await Store.GetObjectAsync("b", "k", None))!.Tags);
        Assert.True((await Store.GetObjectAsync("b", "gone", None))!.Tags.IsEmpty);
    }

    [SkippableFact]
    public async Task An_upload_keeps_its_tags_and_the_completed_object_carries_them()
    {
        await CreateBucket("b");
        var upload = NewUpload("b", "k") with { Tags = Project };
        await Store.CreateUploadAsync(upload, None);
        var part = NewPart(upload.UploadId, 1);
        await Store.PutPartAsync(part, None);
        var stored = await Store.GetUploadAsync(upload.UploadId, None);
        Assert.Equal(Project, stored!.Tags);
        Assert.Equal(Project, (await Store.GetUploadWithPartsAsync(upload.UploadId, None))!.Upload.Tags);

        var built = NewObject("b", "k") with
        {
            Tags = stored.Tags,
            PartsCount = 1,
            Segments = [new Segment(part.BlobId, 0, part.Size, 1, part.ETag)],
        };
        Assert.IsType<CompleteOutcome.Committed>(
            await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None));

        Assert.Equal(Project, (await Store.GetObjectAsync("b", "k", None))!.Tags);
    }

    [SkippableFact]
    public async Task An_upload_without_tags_reads_back_the_empty_set()
    {
        await CreateBucket("b");
        var upload = NewUpload("b", "k");
        await Store.CreateUploadAsync(upload, None);

        Assert.True((await Store.GetUploadAsync(upload.UploadId, None))!.Tags.IsEmpty);
    }

    [SkippableFact]
    public async Task Setting_tags_replaces_them_and_leaves_content_metadata_time_and_etag_alone()
    {
        await CreateBucket("b");
        var record = NewObject("b", "k", NewBlobId()) with { UserMetadata = new Dictionary<string, string> { ["m"] = "v" }, Tags = Project };
        await Store.PutObjectAsync(record, None);

        Assert.True(await Store.SetObjectTagsAsync("b", "k", Unicode, None));
        var changed = await Store.GetObjectAsync("b", "k", None);
        Assert.Equal(Unicode, changed!.Tags);
        AssertSameObject(record, changed);

        Assert.True(await Store.SetObjectTagsAsync("b", "k", TagSet.Empty, None));
        var cleared = await Store.GetObjectAsync("b", "k", None);
        Assert.True(cleared!.Tags.IsEmpty);
        AssertSameObject(record, cleared);
    }

    [SkippableFact]
    public async Task Setting_the_tags_of_a_missing_object_returns_false_and_creates_nothing()
    {
        await CreateBucket("b");

        Assert.False(await Store.SetObjectTagsAsync("b", "missing", Project, None));
        Assert.False(await Store.SetObjectTagsAsync("nobucket", "k", Project, None));
        Assert.Null(await Store.GetObjectAsync("b", "missing", None));
    }
}
