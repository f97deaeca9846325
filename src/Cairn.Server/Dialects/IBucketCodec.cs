using Cairn.Core.Cors;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>A dialect's spelling of the bucket operations: what each asks for, how each answers.</summary>
internal interface IBucketCodec
{
    ListBucketsInput ReadListBuckets(OperationRequest r);

    Task WriteListBucketsAsync(OperationRequest r, ListBucketsResult result);

    /// <summary>Reads (and checks) the optional creation document; its content asks for nothing Cairn varies.</summary>
    Task ReadCreateBucketAsync(OperationRequest r);

    void WriteHeadBucket(OperationRequest r, string region);

    Task WriteBucketLocationAsync(OperationRequest r, string region);

    /// <summary>Versioning has never been enabled on a Cairn bucket.</summary>
    Task WriteBucketVersioningAsync(OperationRequest r);

    /// <summary>Reads the CORS configuration document and checks its rules (<see cref="CorsValidation"/>).</summary>
    Task<CorsConfiguration> ReadCorsConfigurationAsync(OperationRequest r);

    Task WriteCorsConfigurationAsync(OperationRequest r, CorsConfiguration configuration);
}
