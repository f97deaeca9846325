namespace Cairn.Core.Errors;

/// <summary>
/// What a rule violation is about, as typed values: the bucket, key, upload or part concerned, the argument that
/// was refused. Each dialect renders the ones set into its own error document; Core never spells them.
/// </summary>
public sealed record ErrorDetails
{
    /// <summary>The request argument (header, query parameter or path part) that was refused.</summary>
    public string? ArgumentName { get; init; }

    /// <summary>The refused argument's value, when echoing it helps.</summary>
    public string? ArgumentValue { get; init; }

    public string? BucketName { get; init; }

    public string? Key { get; init; }

    public string? UploadId { get; init; }

    /// <summary>Which precondition failed (the name of the conditional header).</summary>
    public string? Condition { get; init; }

    /// <summary>The size of a part that is too small.</summary>
    public long? ProposedSize { get; init; }

    /// <summary>The smallest size a part but the last may have.</summary>
    public long? MinSizeAllowed { get; init; }

    public int? PartNumber { get; init; }

    /// <summary>The part ETag as the client listed it.</summary>
    public string? ETag { get; init; }

    /// <summary>The size of the object a range could not be satisfied against.</summary>
    public long? ActualObjectSize { get; init; }
}
