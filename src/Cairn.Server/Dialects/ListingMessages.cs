using Cairn.Server.Http;

namespace Cairn.Server.Dialects;

/// <summary>ListObjects (v1): keys under <paramref name="Prefix"/> after <paramref name="Marker"/>.</summary>
internal sealed record ListObjectsInput(KeyEncoding Encoding, string Prefix, string Delimiter, string Marker, int? MaxKeys);

/// <summary>
/// ListObjectsV2: <paramref name="After"/> is where the page starts (the decoded token, else StartAfter); the token
/// as sent is echoed (null when absent).
/// </summary>
internal sealed record ListObjectsV2Input(
    KeyEncoding Encoding, string Prefix, string Delimiter, string? ContinuationToken, string StartAfter, string After, int? MaxKeys, bool FetchOwner);

/// <summary>ListObjectVersions: keys after <paramref name="KeyMarker"/>; every object is its one version "null".</summary>
internal sealed record ListVersionsInput(KeyEncoding Encoding, string Prefix, string Delimiter, string KeyMarker, string VersionIdMarker, int? MaxKeys);
