using Cairn.Core.Model;

namespace Cairn.Core.Multipart;

/// <summary>
/// What the store did with an <see cref="UploadCompletion"/>. Each way of not committing is a normal answer the
/// service decides on, so none of them travels as an exception.
/// </summary>
public abstract record CompleteOutcome
{
    private CompleteOutcome()
    {
    }

    /// <summary>The object is visible and the upload is gone.</summary>
    public sealed record Committed(ObjectRecord Record) : CompleteOutcome;

    /// <summary>The upload no longer exists (aborted, or completed with another part list, or never existed).</summary>
    public sealed record UploadGone : CompleteOutcome;

    /// <summary>The upload was completed, by a concurrent request, with the same part list.</summary>
    public sealed record AlreadyCompleted(CompletedUpload Completion) : CompleteOutcome;

    /// <summary>A listed part was uploaded again after the object was built: build it anew from a fresh read.</summary>
    public sealed record PartsChanged : CompleteOutcome;
}
