using Cairn.Core.Buckets;
using Cairn.Core.Lifecycle;
using Cairn.Core.Model;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>
/// Shows a client when the bucket's lifecycle rules will act on what a request wrote or reads: the object's expiry
/// (PutObject, CopyObject, CompleteMultipartUpload, GetObject, HeadObject) and an upload's abort
/// (CreateMultipartUpload, ListParts). The deadline is <see cref="LifecycleEvaluator"/>'s, the same computation the
/// sweeper acts on; the rules come from the bucket's cached settings, so a header costs no store read most of the
/// time. The dialect decides which headers spell it.
/// </summary>
internal sealed class LifecycleDeadlines(BucketSettingsService settings, LifecycleSettings lifecycle)
{
    public async Task ShowObjectExpiryAsync(OperationRequest r, ObjectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (await RulesAsync(r, record.Bucket) is { } rules
            && LifecycleEvaluator.ObjectExpiry(rules, lifecycle.Calendar, record.Key, record.Size, record.Tags, record.LastModified) is { } deadline)
        {
            r.Dialect.Lifecycle.WriteObjectExpiry(r, deadline);
        }
    }

    public async Task ShowUploadAbortAsync(OperationRequest r, UploadRecord upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (await RulesAsync(r, upload.Bucket) is { } rules
            && LifecycleEvaluator.UploadAbort(rules, lifecycle.Calendar, upload.Key, upload.InitiatedAt) is { } deadline)
        {
            r.Dialect.Lifecycle.WriteUploadAbort(r, deadline);
        }
    }

    private async Task<LifecycleConfiguration?> RulesAsync(OperationRequest r, string bucket) =>
        (await settings.FindAsync(bucket, r.Aborted))?.Lifecycle;
}
