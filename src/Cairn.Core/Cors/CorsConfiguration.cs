namespace Cairn.Core.Cors;

/// <summary>
/// A bucket's CORS rules, in the owner's order. The first rule that matches a request decides its answer, as S3
/// evaluates them (docs/access-control.md "CORS").
/// </summary>
public sealed class CorsConfiguration
{
    private const string AnyOrigin = "*";

    public CorsConfiguration(IReadOnlyList<CorsRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
    }

    public IReadOnlyList<CorsRule> Rules { get; }

    /// <summary>
    /// The first rule whose origins match the request's origin (case-sensitively), whose methods include its method,
    /// and whose allowed headers cover every header it names (ignoring case); null when none does.
    /// </summary>
    public CorsMatch? Match(CorsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var rule in Rules)
        {
            if (!rule.AllowedMethods.Contains(request.Method, StringComparer.Ordinal)
                || MatchingOrigin(rule, request.Origin) is not { } origin
                || !request.RequestedHeaders.All(header => AllowsHeader(rule, header)))
            {
                continue;
            }

            var anyOrigin = origin == AnyOrigin;
            return new CorsMatch(rule, anyOrigin ? AnyOrigin : request.Origin, AllowCredentials: !anyOrigin, request.RequestedHeaders);
        }

        return null;
    }

    /// <summary>The first of the rule's origins that matches; null when none does.</summary>
    private static string? MatchingOrigin(CorsRule rule, string origin) =>
        rule.AllowedOrigins.FirstOrDefault(allowed => CorsPattern.Matches(allowed, origin, StringComparison.Ordinal));

    private static bool AllowsHeader(CorsRule rule, string header) =>
        rule.AllowedHeaders.Any(allowed => CorsPattern.Matches(allowed, header, StringComparison.OrdinalIgnoreCase));
}
