using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>A dialect's spelling of the bucket operations: what each asks for, how each answers.</summary>
internal interface IBucketCodec
{
    ListBucketsInput ReadListBuckets(S3Request r);

    Task WriteListBucketsAsync(S3Request r, ListBucketsResult result);

    /// <summary>Reads (and checks) the optional creation document; its content asks for nothing Cairn varies.</summary>
    Task ReadCreateBucketAsync(S3Request r);

    void WriteHeadBucket(S3Request r, string region);

    Task WriteBucketLocationAsync(S3Request r, string region);

    /// <summary>Versioning has never been enabled on a Cairn bucket.</summary>
    Task WriteBucketVersioningAsync(S3Request r);
}
