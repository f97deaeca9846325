using Cairn.Core.Errors;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;

namespace Cairn.Core.Model;

/// <summary>
/// A precondition on the object a write would replace or a delete would remove (conditional writes and deletes:
/// <c>If-None-Match: *</c> = only if no object has the key; <c>If-Match: etag</c> = only if the current object has
/// this ETag, <c>*</c> = only if there is one). Services check it before any work (412 PreconditionFailed, or 404
/// NoSuchKey for If-Match without an object) and the store checks it again inside the committing transaction:
/// a condition that held at first and not at commit lost a race, which is ConditionalRequestConflict.
/// </summary>
public sealed record WriteCondition(bool IfNoneMatchAny, string? IfMatch)
{
    public static readonly WriteCondition None = new(false, null);

    public bool IsNone => !IfNoneMatchAny && IfMatch is null;

    /// <summary>Whether the condition holds for the current object's ETag (null: no object).</summary>
    public bool HoldsFor(string? currentETag) =>
        !(IfNoneMatchAny && currentETag is not null)
        && (IfMatch is null || currentETag is not null && (IfMatch == "*" || MultipartETag.Normalize(IfMatch) == currentETag));

    /// <summary>The up-front check: PreconditionFailed, or NoSuchKey when If-Match finds no object.</summary>
    public void Check(string? currentETag, string key)
    {
        if (HoldsFor(currentETag))
        {
            return;
        }

        if (IfMatch is not null && currentETag is null)
        {
            throw Failures.NoSuchKey(key);
        }

        throw new CairnException(ErrorCode.PreconditionFailed)
        {
            Details = new ErrorDetails { Condition = IfNoneMatchAny && currentETag is not null ? "If-None-Match" : "If-Match" },
        };
    }

    /// <summary>
    /// The up-front check against the object stored now, before any byte of a body is read; the store checks again
    /// when it commits.
    /// </summary>
    public async Task CheckAsync(IObjectStore objects, string bucket, string key, CancellationToken cancellationToken)
    {
        if (!IsNone)
        {
            Check((await objects.GetObjectAsync(bucket, key, cancellationToken))?.ETag, key);
        }
    }

    /// <summary>The check at commit: the condition held at first, so a failure now means a concurrent write won.</summary>
    public void CheckAtCommit(string? currentETag)
    {
        if (!HoldsFor(currentETag))
        {
            throw new CairnException(ErrorCode.ConditionalRequestConflict,
                "A conflicting operation changed the object while this conditional request was in progress; retry it.");
        }
    }
}
