namespace Cairn.Core.Lifecycle;

/// <summary>
/// A bucket's lifecycle rules, one model for both dialects (S3's PutBucketLifecycleConfiguration and OSS's
/// PutBucketLifecycle read into it, each dialect writes it back in its own XML). Stored as the bucket's "lifecycle"
/// setting (<see cref="LifecycleJson"/>); acted on by <see cref="LifecycleSweeper"/>, shown to clients through
/// <see cref="LifecycleEvaluator"/> (docs/lifecycle.md).
/// </summary>
public sealed record LifecycleConfiguration(IReadOnlyList<LifecycleRule> Rules)
{
    /// <summary>The most rules a configuration may hold, in both dialects.</summary>
    public const int MaxRules = 1000;

    /// <summary>The longest rule ID.</summary>
    public const int MaxIdLength = 255;
}
