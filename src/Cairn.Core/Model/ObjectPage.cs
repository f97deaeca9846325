namespace Cairn.Core.Model;

/// <summary>One page of a listing: objects and rolled-up common prefixes, in key order.</summary>
public sealed record ObjectPage(
    IReadOnlyList<ObjectRecord> Objects,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextMarker);
