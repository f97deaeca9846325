using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Lifecycle;
using Cairn.Core.Ports;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>
/// Put/Get/DeleteBucketLifecycle(Configuration): the bucket's lifecycle rules, stored as the "lifecycle" setting
/// (<see cref="LifecycleJson"/>). Writes go through <see cref="BucketSettingsService"/>, which forgets its cached
/// entry, so this node's next deadline header follows the new rules at once (docs/lifecycle.md).
/// </summary>
internal sealed class LifecycleHandlers(BucketSettingsService settings)
{
    public async Task PutBucketLifecycleAsync(OperationRequest r)
    {
        // A missing bucket is reported before anything about the request's headers or document.
        await settings.GetAsync(r.Bucket, r.Aborted);
        var configuration = await r.Dialect.Lifecycle.ReadConfigurationAsync(r);
        await settings.SetAsync(r.Bucket, BucketSettingNames.Lifecycle, LifecycleJson.Write(configuration), r.Aborted);
    }

    public async Task GetBucketLifecycleAsync(OperationRequest r)
    {
        var access = await settings.GetAsync(r.Bucket, r.Aborted);
        var configuration = access.Lifecycle ?? throw new CairnException(ErrorCode.NoSuchLifecycleConfiguration)
        {
            Details = new ErrorDetails { BucketName = r.Bucket },
        };
        await r.Dialect.Lifecycle.WriteConfigurationAsync(r, configuration);
    }

    /// <summary>204 whether or not there was a configuration, as S3 answers.</summary>
    public async Task DeleteBucketLifecycleAsync(OperationRequest r)
    {
        await settings.SetAsync(r.Bucket, BucketSettingNames.Lifecycle, null, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
