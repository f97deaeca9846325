using Cairn.Core.Errors;

namespace Cairn.Core.Lifecycle;

/// <summary>
/// The rules a lifecycle configuration obeys whichever dialect sent it, answered with S3's codes and messages
/// (docs/lifecycle.md "Configuration and validation"): the number of rules, unique IDs of at most 255 characters,
/// at least one action per rule, positive day counts, dates at midnight UTC, sane size bounds, no tag or size filter
/// on the actions that cannot use one, and no overlapping prefixes among rules written in S3's legacy form. A rule
/// sent without an ID gets one. The dialects check the documents' shapes (MalformedXML) before calling this.
/// </summary>
public static class LifecycleValidation
{
    /// <summary>S3's upper bound for ObjectSizeGreaterThan and ObjectSizeLessThan (1,000 TiB).</summary>
    public const long MaxObjectSizeBound = 1_099_511_627_776_000;

    /// <summary>The checked configuration, with an ID on every rule; CairnException for the first fault found.</summary>
    public static LifecycleConfiguration Validate(IReadOnlyList<LifecycleRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            throw Request("At least one lifecycle rule must be specified.");
        }

        if (rules.Count > LifecycleConfiguration.MaxRules)
        {
            throw Request($"The number of lifecycle rules must not exceed the allowed limit of {LifecycleConfiguration.MaxRules} rules.");
        }

        CheckIds(rules);
        foreach (var rule in rules)
        {
            CheckRule(rule);
        }

        if (rules.All(rule => rule.Filter.Form == LifecycleFilterForm.LegacyPrefix))
        {
            LifecyclePrefixOverlap.Refuse(rules);
        }

        return new LifecycleConfiguration([.. rules.Select(rule => rule.Id.Length > 0 ? rule : rule with { Id = NewId() })]);
    }

    /// <summary>
    /// An ID for a rule sent without one: like S3's, the base64 of a random UUID's text, 48 characters that never
    /// collide with another rule's.
    /// </summary>
    public static string NewId() => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Guid.NewGuid().ToString()));

    private static void CheckIds(IReadOnlyList<LifecycleRule> rules)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule.Id.Length == 0)
            {
                continue;
            }

            if (rule.Id.Length > LifecycleConfiguration.MaxIdLength)
            {
                throw Argument($"ID length should not exceed allowed limit of {LifecycleConfiguration.MaxIdLength}");
            }

            if (!seen.Add(rule.Id))
            {
                throw Argument("Rule ID must be unique. Found same ID for more than one rule");
            }
        }
    }

    private static void CheckRule(LifecycleRule rule)
    {
        CheckFilter(rule.Filter);
        if (rule.Expiration is null && rule.AbortIncompleteUpload is null && rule.Transitions.Count == 0
            && rule.NoncurrentVersionExpiration is null && rule.NoncurrentVersionTransitions.Count == 0)
        {
            throw Request("At least one action needs to be specified in a rule");
        }

        if (rule.Expiration is { } expiration)
        {
            Positive(expiration.Days, "'Days' for Expiration action must be a positive integer");
            Midnight(expiration.Date);
            Midnight(expiration.CreatedBefore);
            if (expiration.ExpiredObjectDeleteMarker is not null)
            {
                Unfiltered(rule.Filter, "ExpiredObjectDeleteMarker");
            }
        }

        if (rule.AbortIncompleteUpload is { } abort)
        {
            Positive(abort.Days, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
            Midnight(abort.CreatedBefore);
            Unfiltered(rule.Filter, "AbortIncompleteMultipartUpload");
        }

        foreach (var transition in rule.Transitions)
        {
            NotNegative(transition.Days, "'Days' in Transition action must be zero or a positive integer");
            Midnight(transition.Date);
            Midnight(transition.CreatedBefore);
        }

        if (rule.NoncurrentVersionExpiration is { } noncurrent)
        {
            Positive(noncurrent.NoncurrentDays, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
            Positive(noncurrent.NewerNoncurrentVersions, "'NewerNoncurrentVersions' must be a positive integer");
        }

        foreach (var transition in rule.NoncurrentVersionTransitions)
        {
            NotNegative(transition.NoncurrentDays, "'NoncurrentDays' in NoncurrentVersionTransition action must be zero or a positive integer");
            Positive(transition.NewerNoncurrentVersions, "'NewerNoncurrentVersions' must be a positive integer");
        }
    }

    private static void CheckFilter(LifecycleFilter filter)
    {
        if (filter.Tags.Select(tag => tag.Key).Distinct(StringComparer.Ordinal).Count() != filter.Tags.Count)
        {
            throw Request("Duplicate Tag Keys are not allowed.");
        }

        if (filter.ObjectSizeGreaterThan is { } above && (above < 0 || above > MaxObjectSizeBound))
        {
            throw Request($"'ObjectSizeGreaterThan' should be between 0 and {MaxObjectSizeBound}.");
        }

        if (filter.ObjectSizeLessThan is { } below && (below < 1 || below > MaxObjectSizeBound))
        {
            throw Request($"'ObjectSizeLessThan' should be between 1 and {MaxObjectSizeBound}.");
        }

        if (filter.ObjectSizeGreaterThan is { } lower && filter.ObjectSizeLessThan is { } upper && upper <= lower)
        {
            throw Request("'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.");
        }
    }

    /// <summary>Actions on uploads and delete markers, which have no tags or size, take a key filter only.</summary>
    private static void Unfiltered(LifecycleFilter filter, string action)
    {
        if (!filter.Tags.IsEmpty)
        {
            throw Request($"{action} cannot be specified with Tags.");
        }

        if (filter.ObjectSizeGreaterThan is not null || filter.ObjectSizeLessThan is not null)
        {
            throw Request($"{action} cannot be specified with Object Size.");
        }
    }

    private static void Positive(int? value, string message)
    {
        if (value is <= 0)
        {
            throw Argument(message);
        }
    }

    private static void NotNegative(int? value, string message)
    {
        if (value is < 0)
        {
            throw Argument(message);
        }
    }

    private static void Midnight(DateTimeOffset? date)
    {
        if (date is { } value && value.UtcTicks % TimeSpan.TicksPerDay != 0)
        {
            throw Argument("'Date' must be at midnight GMT");
        }
    }

    private static CairnException Argument(string message) => new(ErrorCode.InvalidArgument, message);

    private static CairnException Request(string message) => new(ErrorCode.InvalidRequest, message);
}
