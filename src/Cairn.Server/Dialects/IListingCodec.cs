using Cairn.Core.Model;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>A dialect's spelling of the object listings (ListObjects, ListObjectsV2, ListObjectVersions).</summary>
internal interface IListingCodec
{
    ListObjectsInput ReadListObjects(S3Request r);

    Task WriteListObjectsAsync(S3Request r, ListObjectsInput input, ObjectPage page);

    ListObjectsV2Input ReadListObjectsV2(S3Request r);

    Task WriteListObjectsV2Async(S3Request r, ListObjectsV2Input input, ObjectPage page);

    ListVersionsInput ReadListObjectVersions(S3Request r);

    Task WriteListObjectVersionsAsync(S3Request r, ListVersionsInput input, ObjectPage page);
}
