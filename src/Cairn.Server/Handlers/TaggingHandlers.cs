using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>
/// Put/Get/DeleteObjectTagging and Put/Get/DeleteBucketTagging (docs/tagging.md). An object's tags live on its
/// record and change without touching its content or time; a bucket's are its "tagging" setting
/// (<see cref="TagSetJson"/>), written through <see cref="BucketSettingsService"/> like the other bucket documents.
/// Every tag set is checked by <see cref="TagRules"/> before it is stored.
/// </summary>
internal sealed class TaggingHandlers(ObjectService objects, BucketSettingsService settings)
{
    public async Task PutObjectTaggingAsync(OperationRequest r)
    {
        // A missing object is reported before anything about the document.
        await RequireObjectAsync(r);
        var tags = await r.Dialect.Tagging.ReadTaggingAsync(r);
        TagRules.CheckObjectTags(tags);
        await objects.SetTagsAsync(r.Bucket, r.Key, tags, r.Aborted);
    }

    public async Task GetObjectTaggingAsync(OperationRequest r)
    {
        var record = await RequireObjectAsync(r);
        await r.Dialect.Tagging.WriteObjectTaggingAsync(r, record.Tags);
    }

    public async Task DeleteObjectTaggingAsync(OperationRequest r)
    {
        VersionIdQuery.Require(r.Request.Query);
        await objects.SetTagsAsync(r.Bucket, r.Key, TagSet.Empty, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task PutBucketTaggingAsync(OperationRequest r)
    {
        await settings.GetAsync(r.Bucket, r.Aborted);
        var tags = await r.Dialect.Tagging.ReadTaggingAsync(r);
        TagRules.CheckBucketTags(tags);
        await settings.SetAsync(r.Bucket, BucketSettingNames.Tagging, TagSetJson.Write(tags), r.Aborted);
        r.Dialect.Tagging.WriteBucketTaggingStored(r);
    }

    public async Task GetBucketTaggingAsync(OperationRequest r) =>
        await r.Dialect.Tagging.WriteBucketTaggingAsync(r, await BucketTagsAsync(r));

    /// <summary>204 whether or not the bucket had tags, as both dialects answer; OSS may name the keys to remove.</summary>
    public async Task DeleteBucketTaggingAsync(OperationRequest r)
    {
        var keys = r.Dialect.Tagging.ReadBucketTagKeysToDelete(r);
        TagSet remaining = TagSet.Empty;
        if (keys is not null)
        {
            var named = keys.ToHashSet(StringComparer.Ordinal);
            remaining = new TagSet((await BucketTagsAsync(r)).Where(tag => !named.Contains(tag.Key)));
        }

        await settings.SetAsync(r.Bucket, BucketSettingNames.Tagging, TagSetJson.Write(remaining), r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task<TagSet> BucketTagsAsync(OperationRequest r) =>
        TagSetJson.Read((await settings.GetAsync(r.Bucket, r.Aborted)).Settings.Get(BucketSettingNames.Tagging));

    private async Task<Core.Model.ObjectRecord> RequireObjectAsync(OperationRequest r)
    {
        VersionIdQuery.Require(r.Request.Query);
        return await r.ObjectAsync(objects) ?? throw Failures.NoSuchKey(r.Key);
    }
}
