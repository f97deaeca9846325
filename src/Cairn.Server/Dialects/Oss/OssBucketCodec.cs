using Cairn.Core.Cors;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>OSS's bucket operations: PutBucket, GetBucketInfo-free basics, location, CORS, as OSS spells them.</summary>
internal sealed class OssBucketCodec : IBucketCodec
{
    public ListBucketsInput ReadListBuckets(OperationRequest r) => throw Pending.Operation();

    public Task WriteListBucketsAsync(OperationRequest r, ListBucketsResult result) => throw Pending.Operation();

    public Task ReadCreateBucketAsync(OperationRequest r) => throw Pending.Operation();

    public void WriteHeadBucket(OperationRequest r, string region) => throw Pending.Operation();

    public Task WriteBucketLocationAsync(OperationRequest r, string region) => throw Pending.Operation();

    public Task WriteBucketVersioningAsync(OperationRequest r) => throw Pending.Operation();

    public Task<CorsConfiguration> ReadCorsConfigurationAsync(OperationRequest r) => throw Pending.Operation();

    public Task WriteCorsConfigurationAsync(OperationRequest r, CorsConfiguration configuration) => throw Pending.Operation();
}
