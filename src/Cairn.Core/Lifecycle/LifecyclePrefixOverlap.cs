using Cairn.Core.Errors;

namespace Cairn.Core.Lifecycle;

/// <summary>
/// S3 refuses a configuration written in its legacy form (a Prefix directly under each Rule) when two rules whose
/// prefixes overlap (one begins the other, equal included) take the same kind of action; rules written with Filter
/// may overlap, S3 then applies the earliest deadline (docs/lifecycle.md "Configuration and validation").
/// </summary>
internal static class LifecyclePrefixOverlap
{
    /// <summary>Each kind of action as S3 names it in its answer, and whether a rule takes it.</summary>
    private static readonly (string Name, Func<LifecycleRule, bool> Takes)[] Actions =
    [
        ("Expiration", rule => rule.Expiration is not null),
        ("Transition", rule => rule.Transitions.Count > 0),
        ("NoncurrentVersionTransition", rule => rule.NoncurrentVersionTransitions.Count > 0),
        ("NoncurrentVersionExpiration", rule => rule.NoncurrentVersionExpiration is not null),
        ("AbortIncompleteMultipartUpload", rule => rule.AbortIncompleteUpload is not null),
    ];

    /// <summary>InvalidRequest naming the first overlapping pair found.</summary>
    public static void Refuse(IReadOnlyList<LifecycleRule> rules)
    {
        foreach (var (name, takes) in Actions)
        {
            // Sorted, a prefix that begins any later one begins the one right after it: neighbours suffice.
            var prefixes = rules.Where(takes).Select(rule => rule.Filter.Prefix).Order(StringComparer.Ordinal).ToList();
            for (var i = 1; i < prefixes.Count; i++)
            {
                if (prefixes[i].StartsWith(prefixes[i - 1], StringComparison.Ordinal))
                {
                    throw new CairnException(ErrorCode.InvalidRequest,
                        $"Found overlapping prefixes '{prefixes[i - 1]}' and '{prefixes[i]}' for same action type '{name}'");
                }
            }
        }
    }
}
