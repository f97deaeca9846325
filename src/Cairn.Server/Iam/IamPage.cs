using System.Xml;
using Cairn.Server.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// One page of an IAM listing: at most MaxItems entries after the Marker, IsTruncated and the next Marker when more
/// follow. The marker is the last name (or key id) returned, which the entries are ordered by.
/// </summary>
internal sealed record IamPage<T>(IReadOnlyList<T> Items, string? NextMarker)
{
    /// <summary>A page of <paramref name="ordered"/> (in ordinal order of <paramref name="keyOf"/>).</summary>
    public static IamPage<T> Of(IEnumerable<T> ordered, Func<T, string> keyOf, QueryApiParameters parameters, int defaultMaxItems)
    {
        var maxItems = parameters.MaxItems(defaultMaxItems);
        var marker = parameters.Optional("Marker");
        var after = ordered.Where(item => marker is null || string.CompareOrdinal(keyOf(item), marker) > 0);
        return FromFetched([.. after.Take(maxItems + 1)], keyOf, maxItems);
    }

    /// <summary>
    /// A page of entities that all sit at path "/" (users, roles): fetched from the store after the Marker, or empty when
    /// PathPrefix asks for a longer path than "/".
    /// </summary>
    public static async Task<IamPage<T>> AtRootPathAsync(
        QueryApiParameters parameters, int defaultMaxItems, Func<string?, int, Task<IReadOnlyList<T>>> fetch, Func<T, string> keyOf)
    {
        var maxItems = parameters.MaxItems(defaultMaxItems);
        var prefix = parameters.Optional("PathPrefix") ?? IamNames.RootPath;
        return IamNames.RootPath.StartsWith(prefix, StringComparison.Ordinal)
            ? FromFetched(await fetch(parameters.Optional("Marker"), maxItems + 1), keyOf, maxItems)
            : new IamPage<T>([], null);
    }

    /// <summary>A page from up to <paramref name="maxItems"/> + 1 fetched entries: one more than fits means truncated.</summary>
    public static IamPage<T> FromFetched(IReadOnlyList<T> fetched, Func<T, string> keyOf, int maxItems) =>
        fetched.Count > maxItems
            ? new IamPage<T>([.. fetched.Take(maxItems)], keyOf(fetched[maxItems - 1]))
            : new IamPage<T>(fetched, null);

    /// <summary>IsTruncated, and Marker when it is true.</summary>
    public void WritePaging(XmlWriter xml)
    {
        xml.Element("IsTruncated", NextMarker is not null);
        xml.Element("Marker", NextMarker);
    }
}
