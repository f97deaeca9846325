using Cairn.Core.Authorization.Acl;
using Cairn.Core.Checksums;
using Cairn.Core.Tagging;

namespace Cairn.Core.Model;

/// <summary>An object as stored: its metadata and the manifest of segments that make its content.</summary>
public sealed record ObjectRecord
{
    public required string Bucket { get; init; }
    public required string Key { get; init; }
    public required long Size { get; init; }

    /// <summary>ETag without quotes: lowercase hex MD5, or md5-of-md5s + "-N" for multipart objects.</summary>
    public required string ETag { get; init; }

    public required DateTimeOffset LastModified { get; init; }
    public ObjectHeaders Headers { get; init; } = new();

    /// <summary>User metadata: names lower-case without the dialect prefix.</summary>
    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Stored checksums (base64 raw values; composite ones carry their "-N" suffix).</summary>
    public IReadOnlyDictionary<ChecksumAlgorithm, string> Checksums { get; init; } = new Dictionary<ChecksumAlgorithm, string>();

    /// <summary>How a multipart object's checksum covers it; null for whole-object checksums.</summary>
    public ChecksumType? ChecksumType { get; init; }

    public string Owner { get; init; } = string.Empty;

    /// <summary>The object's ACL; null = the default, its owner has full control (docs/access-control.md).</summary>
    public AccessControlList? Acl { get; init; }

    /// <summary>Number of parts when the object came from a multipart upload; null otherwise.</summary>
    public int? PartsCount { get; init; }

    /// <summary>The object's tags (docs/tagging.md); empty when it has none.</summary>
    public TagSet Tags { get; init; } = TagSet.Empty;

    public IReadOnlyList<Segment> Segments { get; init; } = [];

    /// <summary>The whole content of a small object kept in the metadata row (then there are no segments).</summary>
    public byte[]? InlineContent { get; init; }
}
