using Cairn.Core.Buckets;
using Cairn.Core.Cors;
using Cairn.Core.Errors;
using Cairn.Core.Ports;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>
/// Put/Get/DeleteBucketCors: the bucket's CORS rules, stored as the "cors" setting (<see cref="CorsJson"/>). Writes
/// through <see cref="BucketSettingsService"/> forget its cached entry, so this node's next cross-origin request
/// sees the new rules at once.
/// </summary>
internal sealed class CorsHandlers(BucketSettingsService settings)
{
    public async Task PutBucketCorsAsync(OperationRequest r)
    {
        // A missing bucket is reported before anything about the document.
        await settings.GetAsync(r.Bucket, r.Aborted);
        var configuration = await r.Dialect.Buckets.ReadCorsConfigurationAsync(r);
        await settings.SetAsync(r.Bucket, BucketSettingNames.Cors, CorsJson.Write(configuration), r.Aborted);
    }

    public async Task GetBucketCorsAsync(OperationRequest r)
    {
        var access = await settings.GetAsync(r.Bucket, r.Aborted);
        var configuration = access.Cors ?? throw new CairnException(ErrorCode.NoSuchCORSConfiguration)
        {
            Details = new ErrorDetails { BucketName = r.Bucket },
        };
        await r.Dialect.Buckets.WriteCorsConfigurationAsync(r, configuration);
    }

    /// <summary>204 whether or not there was a configuration, as S3 answers.</summary>
    public async Task DeleteBucketCorsAsync(OperationRequest r)
    {
        await settings.SetAsync(r.Bucket, BucketSettingNames.Cors, null, r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
