using Cairn.Core.Tagging;

namespace Cairn.Core.Lifecycle;

/// <summary>
/// Which objects a rule covers: every condition must hold (a key prefix, each tag, the size bounds, and none of the
/// <see cref="Not"/> exclusions, OSS's Filter/Not). <see cref="Form"/> remembers how S3 clients wrote it, so the
/// configuration reads back in the same shape.
/// </summary>
public sealed record LifecycleFilter
{
    public static readonly LifecycleFilter Everything = new();

    /// <summary>The key prefix; empty covers the whole bucket.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>Tags an object must all carry.</summary>
    public TagSet Tags { get; init; } = TagSet.Empty;

    /// <summary>Objects strictly larger than this many bytes.</summary>
    public long? ObjectSizeGreaterThan { get; init; }

    /// <summary>Objects strictly smaller than this many bytes.</summary>
    public long? ObjectSizeLessThan { get; init; }

    /// <summary>OSS: objects under any of these are left alone.</summary>
    public IReadOnlyList<LifecycleExclusion> Not { get; init; } = [];

    public LifecycleFilterForm Form { get; init; } = LifecycleFilterForm.Filter;

    /// <summary>Whether the filter looks at more than the key (tags or size), which an upload does not have yet.</summary>
    public bool NeedsObject => !Tags.IsEmpty || ObjectSizeGreaterThan is not null || ObjectSizeLessThan is not null;

    /// <summary>Whether an object with this key, size and tags is covered.</summary>
    public bool Matches(string key, long size, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(tags);
        return MatchesKey(key)
            && Tags.All(tags.Contains)
            && (ObjectSizeGreaterThan is not { } above || size > above)
            && (ObjectSizeLessThan is not { } below || size < below)
            && !Not.Any(exclusion => exclusion.Excludes(key, tags));
    }

    /// <summary>Whether an upload for this key is covered: only filters on the key can cover one.</summary>
    public bool MatchesUpload(string key) =>
        !NeedsObject && MatchesKey(key) && !Not.Any(exclusion => exclusion.Tag is null && exclusion.Excludes(key, TagSet.Empty));

    private bool MatchesKey(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);
}

/// <summary>OSS's Not: objects under <see cref="Prefix"/> (and carrying <see cref="Tag"/>, when given) are excluded.</summary>
public sealed record LifecycleExclusion(string Prefix, Tag? Tag)
{
    public bool Excludes(string key, TagSet tags) =>
        key.StartsWith(Prefix, StringComparison.Ordinal) && (Tag is not { } tag || tags.Contains(tag));
}

/// <summary>How a rule's filter was written, so it is answered the same way.</summary>
public enum LifecycleFilterForm
{
    /// <summary>S3's Filter element (Prefix, Tag, ObjectSize*, or And), or OSS's rule.</summary>
    Filter,

    /// <summary>S3's legacy Prefix directly under Rule.</summary>
    LegacyPrefix,
}
