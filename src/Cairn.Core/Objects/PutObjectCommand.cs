using Cairn.Core.Authorization.Acl;
using Cairn.Core.Checksums;
using Cairn.Core.Model;
using Cairn.Core.Tagging;

namespace Cairn.Core.Objects;

/// <summary>A whole-object write, parsed from the request by the protocol layer.</summary>
public sealed record PutObjectCommand
{
    public required string Bucket { get; init; }
    public required string Key { get; init; }

    /// <summary>
    /// The payload size the client announced (Content-Length, or the aws-chunked decoded length); null for a body
    /// sent with <c>Transfer-Encoding: chunked</c> and no length, which is read to its end under the size limit.
    /// </summary>
    public required long? ContentLength { get; init; }

    public ObjectHeaders Headers { get; init; } = new();
    public IReadOnlyDictionary<string, string> UserMetadata { get; init; } = new Dictionary<string, string>();
    public required IntegrityExpectation Integrity { get; init; }
    public string Owner { get; init; } = string.Empty;

    /// <summary>The ACL the object gets; null = the default, its owner has full control (docs/access-control.md).</summary>
    public AccessControlList? Acl { get; init; }

    /// <summary>Conditional write (If-None-Match / If-Match) on the object this one replaces.</summary>
    public WriteCondition Condition { get; init; } = WriteCondition.None;

    /// <summary>The object's tags (x-amz-tagging, x-oss-tagging, POST's tagging field), already checked.</summary>
    public TagSet Tags { get; init; } = TagSet.Empty;
}
