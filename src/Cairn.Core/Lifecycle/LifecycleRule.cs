namespace Cairn.Core.Lifecycle;

/// <summary>
/// One rule: which objects and uploads it covers (<see cref="Filter"/>) and what happens to them. Expiration and
/// the abort of incomplete uploads act; transitions and the noncurrent-version actions are kept and answered but act
/// only once storage classes and versioning exist (docs/lifecycle.md).
/// </summary>
public sealed record LifecycleRule
{
    /// <summary>The rule's ID, unique within the configuration (the dialect makes one up when none was sent).</summary>
    public required string Id { get; init; }

    public required bool Enabled { get; init; }

    public LifecycleFilter Filter { get; init; } = LifecycleFilter.Everything;

    public LifecycleExpiration? Expiration { get; init; }

    public LifecycleAbort? AbortIncompleteUpload { get; init; }

    /// <summary>Stored and answered; no storage classes yet, so they move nothing.</summary>
    public IReadOnlyList<LifecycleTransition> Transitions { get; init; } = [];

    /// <summary>Stored and answered; acts once versioning exists.</summary>
    public LifecycleNoncurrentExpiration? NoncurrentVersionExpiration { get; init; }

    /// <summary>Stored and answered; acts once versioning and storage classes exist.</summary>
    public IReadOnlyList<LifecycleNoncurrentTransition> NoncurrentVersionTransitions { get; init; } = [];
}

/// <summary>
/// When objects expire: <see cref="Days"/> after their last modification (rounded up to the next day boundary), on
/// <see cref="Date"/> (S3: every covered object, whatever its age), or at once when last modified before
/// <see cref="CreatedBefore"/> (OSS's CreatedBeforeDate). <see cref="ExpiredObjectDeleteMarker"/> is kept for
/// versioning.
/// </summary>
public sealed record LifecycleExpiration
{
    public int? Days { get; init; }

    public DateTimeOffset? Date { get; init; }

    public DateTimeOffset? CreatedBefore { get; init; }

    public bool? ExpiredObjectDeleteMarker { get; init; }
}

/// <summary>
/// When incomplete multipart uploads are aborted: <see cref="Days"/> after initiation (S3's DaysAfterInitiation,
/// OSS's AbortMultipartUpload Days; rounded up to the next day boundary), or at once when initiated before
/// <see cref="CreatedBefore"/> (OSS).
/// </summary>
public sealed record LifecycleAbort
{
    public int? Days { get; init; }

    public DateTimeOffset? CreatedBefore { get; init; }
}

/// <summary>A transition as configured (S3 Days or Date, OSS Days or CreatedBeforeDate), kept as sent.</summary>
public sealed record LifecycleTransition
{
    public int? Days { get; init; }

    public DateTimeOffset? Date { get; init; }

    public DateTimeOffset? CreatedBefore { get; init; }

    public required string StorageClass { get; init; }
}

/// <summary>NoncurrentVersionExpiration as configured.</summary>
public sealed record LifecycleNoncurrentExpiration
{
    public int? NoncurrentDays { get; init; }

    public int? NewerNoncurrentVersions { get; init; }
}

/// <summary>NoncurrentVersionTransition as configured.</summary>
public sealed record LifecycleNoncurrentTransition
{
    public int? NoncurrentDays { get; init; }

    public int? NewerNoncurrentVersions { get; init; }

    public required string StorageClass { get; init; }
}
