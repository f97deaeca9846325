namespace Cairn.Core.Lifecycle;

/// <summary>
/// The parts of a bucket a sweep walks: the fewest key prefixes that hold everything an enabled rule could act on
/// (a prefix inside another is walked with it; an empty one is the whole bucket), in ordinal order. Whether a
/// given object or upload is due is still <see cref="LifecycleEvaluator"/>'s to say.
/// </summary>
internal static class SweepScopes
{
    /// <summary>Where enabled rules could abort uploads: rules that filter on tags or size never cover one.</summary>
    public static IReadOnlyList<string> Uploads(LifecycleConfiguration configuration) =>
        Fewest(configuration.Rules
            .Where(rule => rule.Enabled && rule.AbortIncompleteUpload is not null && !rule.Filter.NeedsObject)
            .Select(rule => rule.Filter.Prefix));

    /// <summary>Where enabled rules could expire objects.</summary>
    public static IReadOnlyList<string> Objects(LifecycleConfiguration configuration) =>
        Fewest(configuration.Rules
            .Where(rule => rule.Enabled && rule.Expiration is not null)
            .Select(rule => rule.Filter.Prefix));

    /// <summary>The first of <paramref name="scopes"/> not before <paramref name="prefix"/>; null when none is left.</summary>
    public static string? From(IReadOnlyList<string> scopes, string prefix) =>
        scopes.FirstOrDefault(scope => string.CompareOrdinal(scope, prefix) >= 0);

    /// <summary>The scope after <paramref name="prefix"/>; null when it was the last.</summary>
    public static string? After(IReadOnlyList<string> scopes, string prefix) =>
        scopes.FirstOrDefault(scope => string.CompareOrdinal(scope, prefix) > 0);

    /// <summary>
    /// In ordinal order every key that starts with a prefix sorts right after it, so a prefix is covered exactly
    /// when it starts with the last one kept.
    /// </summary>
    private static List<string> Fewest(IEnumerable<string> prefixes)
    {
        var kept = new List<string>();
        foreach (var prefix in prefixes.Distinct().Order(StringComparer.Ordinal))
        {
            if (kept.Count == 0 || !prefix.StartsWith(kept[^1], StringComparison.Ordinal))
            {
                kept.Add(prefix);
            }
        }

        return kept;
    }
}
