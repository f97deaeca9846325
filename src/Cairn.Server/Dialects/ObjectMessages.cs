using Cairn.Core.Authorization.Acl;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Core.PostPolicies;
using Cairn.Core.Tagging;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Http;

namespace Cairn.Server.Dialects;

/// <summary>
/// GetObject/HeadObject: the conditions, which bytes (a range or one part, both as sent: their precedence and
/// errors are <see cref="ObjectSlice"/>'s), and whether the client asked for the stored checksums.
/// </summary>
internal sealed record ObjectReadInput(ObjectConditions Conditions, string? PartNumber, string? Range, bool ChecksumsRequested);

/// <summary>What a GET or HEAD describes: the object, whether its checksums go out, and the part count of a part read.</summary>
internal sealed record ObjectReadResult(ObjectRecord Record, bool WithChecksums, int? PartsCount);

/// <summary>
/// CopyObject: the source and its conditions; the target's headers and, when the metadata is replaced, its user
/// metadata (null = keep the source's); the condition on the target; the copy's tags (null = the source's, the
/// tagging directive's default).
/// </summary>
internal sealed record CopyObjectInput(
    CopySource Source,
    ObjectConditions SourceConditions,
    bool ReplaceMetadata,
    ObjectHeaders Headers,
    IReadOnlyDictionary<string, string>? UserMetadata,
    WriteCondition Condition)
{
    public TagSet? Tags { get; init; }
}

/// <summary>The attributes GetObjectAttributes can return.</summary>
[Flags]
internal enum ObjectAttribute
{
    None = 0,
    ETag = 1,
    Checksum = 2,
    ObjectParts = 4,
    StorageClass = 8,
    ObjectSize = 16,
}

/// <summary>GetObjectAttributes: which attributes, and the page of parts (after a part number, at most a count).</summary>
internal sealed record ObjectAttributesInput(ObjectAttribute Wanted, int? MaxParts, int PartNumberMarker);

/// <summary>A page of a multipart object's parts, taken from its segments.</summary>
internal sealed record ObjectPartsPage(int PartsCount, int Marker, int NextMarker, int MaxParts, bool IsTruncated, IReadOnlyList<Segment> Parts);

/// <summary>GetObjectAttributes' answer: the object, the attributes asked for, and its parts page when asked and multipart.</summary>
internal sealed record ObjectAttributesResult(ObjectRecord Record, ObjectAttribute Wanted, ObjectPartsPage? Parts);

/// <summary>One key of a batch delete as sent (any of the three may be missing; the handler decides).</summary>
internal sealed record DeleteObjectsEntry(string? Key, string? VersionId, string? ETag);

/// <summary>DeleteObjects: the keys, and whether successes are left out of the answer.</summary>
internal sealed record DeleteObjectsInput(bool Quiet, IReadOnlyList<DeleteObjectsEntry> Entries);

/// <summary>The outcome for one key: deleted (no error) or the catalogue entry and message of its failure.</summary>
internal sealed record DeleteObjectsOutcome(string Key, string? VersionId, ErrorEntry? Error, string? Message);

/// <summary>DeleteObjects' answer.</summary>
internal sealed record DeleteObjectsResult(bool Quiet, IReadOnlyList<DeleteObjectsOutcome> Outcomes);

/// <summary>
/// A browser form upload read up to its file: who its signature acts as, the write it asks for, its ACL, the fields
/// read as headers (for the policy condition keys), the file still to be read, the policy check when it carries a
/// policy, and its fields as sent (the answer it asks for is among them).
/// </summary>
internal sealed record PostObjectInput(
    AuthResult Auth,
    PutObjectCommand Command,
    AclRequest Acl,
    IHeaderDictionary ConditionHeaders,
    Stream File,
    PostPolicyCheck? Policy,
    IReadOnlyDictionary<string, string> Fields);

/// <summary>A form's policy with what it judges: the field values (the bucket and final key among them) and the
/// submitted fields a condition must name.</summary>
internal sealed record PostPolicyCheck(PostPolicy Policy, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Covered)
{
    /// <summary>AccessDenied, naming what failed, unless the form meets its policy at <paramref name="now"/>.</summary>
    public void Check(DateTimeOffset now) => Policy.Check(Values, Covered, now);
}
