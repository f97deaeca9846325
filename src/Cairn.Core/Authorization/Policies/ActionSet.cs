namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// The actions an Action (or NotAction) element names: "*" or <c>service:name</c> with '*' and '?' wildcards,
/// matched ignoring case. Only the services Cairn answers are accepted (s3; iam and sts in user policies; sts alone in trust policies), so that a
/// misspelt prefix is an error at Put time rather than a statement that silently never applies.
/// </summary>
internal sealed class ActionSet
{
    private const string S3Service = "s3";
    private const string IamService = "iam";
    private const string StsService = "sts";

    private readonly IReadOnlyList<WildcardPattern> _patterns;

    private ActionSet(IReadOnlyList<WildcardPattern> patterns)
    {
        _patterns = patterns;
    }

    public static ActionSet Parse(IReadOnlyList<string> values, PolicyKind kind, string what)
    {
        var patterns = new List<WildcardPattern>(values.Count);
        foreach (var value in values)
        {
            if (value != "*" && !IsAction(value, kind))
            {
                throw new MalformedPolicyException($"Policy has invalid action: {what} names \"{value}\".");
            }

            patterns.Add(WildcardPattern.Parse(value));
        }

        return new ActionSet(patterns);
    }

    public bool Contains(string action)
    {
        foreach (var pattern in _patterns)
        {
            if (pattern.Matches(action, ignoreCase: true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAction(string value, PolicyKind kind)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            return false;
        }

        var service = value[..colon];
        var known = kind switch
        {
            PolicyKind.Trust => string.Equals(service, StsService, StringComparison.OrdinalIgnoreCase),
            PolicyKind.User => string.Equals(service, S3Service, StringComparison.OrdinalIgnoreCase)
                || string.Equals(service, IamService, StringComparison.OrdinalIgnoreCase)
                || string.Equals(service, StsService, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(service, S3Service, StringComparison.OrdinalIgnoreCase),
        };
        return known && value[(colon + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '?' or '-' or '_');
    }
}
