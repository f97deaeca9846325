using Cairn.Core.Authorization.Policies.Conditions;

namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// When S3 calls a bucket policy public: some Allow statement reaches everyone ("*", or NotPrincipal, which allows
/// all but a few) without a condition that pins one of the keys naming where a request comes from or who makes it
/// to fixed values. A pin is a positive, unqualified, non-IfExists equality (or a Like without wildcards or
/// variables); for aws:SourceIp an IpAddress range no wider than /8 (IPv4) or /32 (IPv6).
/// </summary>
internal static class PublicPolicyRule
{
    private const int NarrowestPublicIPv4Prefix = 8;
    private const int NarrowestPublicIPv6Prefix = 32;
    private const string SourceIpKey = "aws:SourceIp";

    private static readonly HashSet<string> FixingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        SourceIpKey,
        "aws:SourceArn",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceAccount",
        "aws:SourceOwner",
        "aws:SourceOrgID",
        "aws:PrincipalAccount",
        "aws:PrincipalOrgID",
        "aws:PrincipalArn",
        "aws:userid",
        "aws:username",
        "s3:DataAccessPointArn",
        "s3:DataAccessPointAccount",
    };

    public static bool IsPublic(IReadOnlyList<PolicyStatement> statements) =>
        statements.Any(s => s.Effect == PolicyEffect.Allow && ReachesEveryone(s) && !s.Conditions.Clauses.Any(Pins));

    private static bool ReachesEveryone(PolicyStatement statement) =>
        statement.Principals is { } principals && (statement.NotPrincipal || principals.Everyone);

    private static bool Pins(IConditionClause clause)
    {
        var op = clause.Operator;
        if (clause is not ValuesClause values || !FixingKeys.Contains(clause.Key)
            || op.Negated || op.IfExists || op.Qualifier == SetQualifier.ForAllValues)
        {
            return false;
        }

        return op.Family switch
        {
            OperatorFamily.IpAddress => string.Equals(clause.Key, SourceIpKey, StringComparison.OrdinalIgnoreCase)
                && values.Values.All(IsNarrowRange),
            OperatorFamily.String or OperatorFamily.Arn => values.Values.All(IsFixed),
            _ => false,
        };
    }

    private static bool IsFixed(string value) =>
        !value.Contains('*', StringComparison.Ordinal) && !value.Contains('?', StringComparison.Ordinal)
        && !value.Contains("${", StringComparison.Ordinal);

    private static bool IsNarrowRange(string value) =>
        IpRange.TryParse(value) is { } range
        && range.PrefixLength >= (range.IsIPv4 ? NarrowestPublicIPv4Prefix : NarrowestPublicIPv6Prefix);
}
