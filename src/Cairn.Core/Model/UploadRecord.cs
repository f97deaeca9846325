using Cairn.Core.Authorization.Acl;
using Cairn.Core.Checksums;
using Cairn.Core.Tagging;

namespace Cairn.Core.Model;

/// <summary>An in-progress multipart upload: what the final object will carry besides its content.</summary>
public sealed record UploadRecord
{
    public required string UploadId { get; init; }
    public required string Bucket { get; init; }
    public required string Key { get; init; }
    public required DateTimeOffset InitiatedAt { get; init; }
    public string Owner { get; init; } = string.Empty;

    /// <summary>The ACL the object gets; null = the default, its owner has full control (docs/access-control.md).</summary>
    public AccessControlList? Acl { get; init; }
    public ObjectHeaders Headers { get; init; } = new();
    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The checksum algorithm fixed at initiation (the client declares it when it initiates), if any.</summary>
    public ChecksumAlgorithm? ChecksumAlgorithm { get; init; }

    /// <summary>How the object's checksum will cover it, when an algorithm was declared.</summary>
    public ChecksumType? ChecksumType { get; init; }

    /// <summary>The tags the object gets (x-amz-tagging at initiation); empty when none.</summary>
    public TagSet Tags { get; init; } = TagSet.Empty;
}
