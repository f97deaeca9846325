using Cairn.Core.Model;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>
/// A dialect's spelling of the object listings (ListObjects, ListObjectsV2, ListObjectVersions). <c>owners</c> maps the
/// page's owner ids to display names; null when the listing shows no owners.
/// </summary>
internal interface IListingCodec
{
    ListObjectsInput ReadListObjects(S3Request r);

    Task WriteListObjectsAsync(S3Request r, ListObjectsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners);

    ListObjectsV2Input ReadListObjectsV2(S3Request r);

    Task WriteListObjectsV2Async(S3Request r, ListObjectsV2Input input, ObjectPage page, IReadOnlyDictionary<string, string>? owners);

    ListVersionsInput ReadListObjectVersions(S3Request r);

    Task WriteListObjectVersionsAsync(S3Request r, ListVersionsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners);
}
