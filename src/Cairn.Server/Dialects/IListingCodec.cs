using Cairn.Core.Model;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>
/// A dialect's spelling of the object listings (ListObjects, ListObjectsV2, ListObjectVersions). <c>owners</c> maps the
/// page's owner ids to display names; null when the listing shows no owners.
/// </summary>
internal interface IListingCodec
{
    ListObjectsInput ReadListObjects(OperationRequest r);

    Task WriteListObjectsAsync(OperationRequest r, ListObjectsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners);

    ListObjectsV2Input ReadListObjectsV2(OperationRequest r);

    Task WriteListObjectsV2Async(OperationRequest r, ListObjectsV2Input input, ObjectPage page, IReadOnlyDictionary<string, string>? owners);

    ListVersionsInput ReadListObjectVersions(OperationRequest r);

    Task WriteListObjectVersionsAsync(OperationRequest r, ListVersionsInput input, ObjectPage page, IReadOnlyDictionary<string, string> owners);
}
