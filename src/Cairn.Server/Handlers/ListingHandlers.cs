using Cairn.Core.Identity;
using Cairn.Core.Listing;
using Cairn.Core.Model;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>ListObjects (v1), ListObjectsV2 and ListObjectVersions over the same key-ordered page query.</summary>
internal sealed class ListingHandlers(ListingService listing, OwnerNames ownerNames)
{
    public async Task ListObjectsAsync(OperationRequest r)
    {
        var input = r.Dialect.Listing.ReadListObjects(r);
        var page = await listing.ListAsync(r.Bucket, input.Prefix, input.Delimiter, input.Marker, input.MaxKeys, r.Aborted);
        await r.Dialect.Listing.WriteListObjectsAsync(r, input, page, await OwnersAsync(page, r.Aborted));
    }

    public async Task ListObjectsV2Async(OperationRequest r)
    {
        var input = r.Dialect.Listing.ReadListObjectsV2(r);
        var page = await listing.ListAsync(r.Bucket, input.Prefix, input.Delimiter, input.After, input.MaxKeys, r.Aborted);
        await r.Dialect.Listing.WriteListObjectsV2Async(r, input, page, input.FetchOwner ? await OwnersAsync(page, r.Aborted) : null);
    }

    public async Task ListObjectVersionsAsync(OperationRequest r)
    {
        var input = r.Dialect.Listing.ReadListObjectVersions(r);
        var page = await listing.ListAsync(r.Bucket, input.Prefix, input.Delimiter, input.KeyMarker, input.MaxKeys, r.Aborted);
        await r.Dialect.Listing.WriteListObjectVersionsAsync(r, input, page, await OwnersAsync(page, r.Aborted));
    }

    /// <summary>The display names of the page's object owners.</summary>
    private Task<IReadOnlyDictionary<string, string>> OwnersAsync(ObjectPage page, CancellationToken cancellationToken) =>
        ownerNames.ResolveAsync(page.Objects.Select(o => o.Owner), cancellationToken);
}
