using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Server.Dialects;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>
/// GetObjectAttributes (<c>GET ?attributes</c>): the ETag, checksum, parts, storage class and size of an object,
/// whichever the request names, without its body. A multipart object's parts come from its segments (number, size,
/// the upload algorithm's checksum), paged like ListParts.
/// </summary>
internal sealed class ObjectAttributesHandler(ObjectService objects, StorageLimits limits)
{
    public async Task GetObjectAttributesAsync(OperationRequest r)
    {
        var input = r.Dialect.Objects.ReadObjectAttributes(r);
        var maxParts = Math.Min(input.MaxParts ?? 1000, limits.MaxListPage);
        var record = await r.ObjectAsync(objects) ?? throw Failures.NoSuchKey(r.Key);
        var parts = input.Wanted.HasFlag(ObjectAttribute.ObjectParts) && record.PartsCount is { } partsCount
            ? PartsPage(record, partsCount, input.PartNumberMarker, maxParts)
            : null;
        await r.Dialect.Objects.WriteObjectAttributesAsync(r, new ObjectAttributesResult(record, input.Wanted, parts));
    }

    private static ObjectPartsPage PartsPage(ObjectRecord record, int partsCount, int marker, int maxParts)
    {
        var after = record.Segments.Where(s => s.PartNumber > marker).ToList();
        var page = after.Take(maxParts).ToList();
        // A page of 0 parts reports no more: "truncated" with nothing to advance would send a paginator round forever.
        var truncated = page.Count > 0 && after.Count > page.Count;
        return new ObjectPartsPage(partsCount, marker, page.Count > 0 ? page[^1].PartNumber!.Value : marker, maxParts, truncated, page);
    }
}
