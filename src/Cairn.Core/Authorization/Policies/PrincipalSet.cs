using System.Text.Json;

namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// The identities a Principal (or NotPrincipal) element names: "*" (everyone, anonymous callers included), users by
/// ARN or canonical id, roles by ARN (every session of the role), single sessions by their STS ARN, and whole accounts
/// (every user and session of the account, not anonymous callers). Wildcards are allowed
/// only as the whole value "*": a pattern inside an ARN is refused, as S3 does.
/// </summary>
internal sealed class PrincipalSet
{
    private const string AwsKey = "AWS";
    private const string CanonicalUserKey = "CanonicalUser";
    private const string ArnPrefix = "arn:aws:iam::";
    private const string UserPart = ":user/";
    private const string RolePart = ":role/";
    private const string StsArnPrefix = "arn:aws:sts::";
    private const string RootPart = ":root";

    private PrincipalSet(bool everyone, IReadOnlyList<PolicyPrincipal> named)
    {
        Everyone = everyone;
        Named = named;
    }

    /// <summary>True for "*" or {"AWS": "*"}: everyone, anonymous included.</summary>
    public bool Everyone { get; }

    public IReadOnlyList<PolicyPrincipal> Named { get; }

    /// <summary>Reads a Principal/NotPrincipal value; <paramref name="where"/> names the statement for messages.</summary>
    public static PrincipalSet Parse(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*"
                ? new PrincipalSet(everyone: true, [])
                : throw Invalid(where, element.GetString());
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(where, element.GetRawText());
        }

        var everyone = false;
        var named = new List<PolicyPrincipal>();
        foreach (var property in element.EnumerateObject())
        {
            var values = PolicyJson.Strings(property.Value, $"Principal \"{property.Name}\" in {where}");
            foreach (var value in values)
            {
                if (property.Name == AwsKey && value == "*")
                {
                    everyone = true;
                }
                else if (property.Name == AwsKey)
                {
                    named.Add(ParseAws(value, where));
                }
                else if (property.Name == CanonicalUserKey)
                {
                    named.Add(ParseCanonical(value, where));
                }
                else
                {
                    throw Invalid(where, $"{property.Name}: {value}");
                }
            }
        }

        if (!everyone && named.Count == 0)
        {
            throw Invalid(where, element.GetRawText());
        }

        return new PrincipalSet(everyone, named);
    }

    /// <summary>True when <paramref name="caller"/> is one of the identities named.</summary>
    public bool Contains(PolicyCaller caller)
    {
        if (Everyone)
        {
            return true;
        }

        if (caller.IsAnonymous)
        {
            return false;
        }

        foreach (var principal in Named)
        {
            var match = principal.Kind switch
            {
                PolicyPrincipalKind.User => principal.Account == Arns.AccountId && principal.Value == caller.UserName,
                PolicyPrincipalKind.CanonicalUser => caller.RoleName is null && principal.Value == caller.UserId,
                PolicyPrincipalKind.Role => principal.Account == Arns.AccountId
                    && string.Equals(principal.Value, caller.RoleName, StringComparison.OrdinalIgnoreCase),
                PolicyPrincipalKind.Session => principal.Value == caller.SessionArn,
                _ => principal.Value == Arns.AccountId,
            };
            if (match)
            {
                return true;
            }
        }

        return false;
    }

    private static PolicyPrincipal ParseAws(string value, string where)
    {
        if (value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal))
        {
            throw Invalid(where, value);
        }

        if (IsAccountId(value))
        {
            return new PolicyPrincipal(PolicyPrincipalKind.Account, value, value);
        }

        if (value.StartsWith(ArnPrefix, StringComparison.Ordinal))
        {
            var rest = value[ArnPrefix.Length..];
            var account = rest.Split(':')[0];
            if (IsAccountId(account) && rest.Length == account.Length + RootPart.Length && rest.EndsWith(RootPart, StringComparison.Ordinal))
            {
                return new PolicyPrincipal(PolicyPrincipalKind.Account, account, account);
            }

            var name = rest[account.Length..];
            if (IsAccountId(account) && name.StartsWith(UserPart, StringComparison.Ordinal) && name.Length > UserPart.Length)
            {
                return new PolicyPrincipal(PolicyPrincipalKind.User, name[UserPart.Length..], account);
            }

            if (IsAccountId(account) && name.StartsWith(RolePart, StringComparison.Ordinal) && name.Length > RolePart.Length)
            {
                return new PolicyPrincipal(PolicyPrincipalKind.Role, name[RolePart.Length..], account);
            }
        }

        if (value.StartsWith(StsArnPrefix, StringComparison.Ordinal))
        {
            var rest = value[StsArnPrefix.Length..];
            var account = rest.Split(':')[0];
            var name = rest[account.Length..];
            var session = name.StartsWith(":assumed-role/", StringComparison.Ordinal) && name.Count(c => c == '/') == 2
                || name.StartsWith(":federated-user/", StringComparison.Ordinal) && name.Count(c => c == '/') == 1;
            if (IsAccountId(account) && session && !name.EndsWith('/'))
            {
                return new PolicyPrincipal(PolicyPrincipalKind.Session, value, account);
            }
        }

        throw Invalid(where, value);
    }

    private static PolicyPrincipal ParseCanonical(string value, string where) =>
        value.Length > 0 && value.All(char.IsAsciiLetterOrDigit)
            ? new PolicyPrincipal(PolicyPrincipalKind.CanonicalUser, value, Arns.AccountId)
            : throw Invalid(where, value);

    private static bool IsAccountId(string value) => value.Length == 12 && value.All(char.IsAsciiDigit);

    private static MalformedPolicyException Invalid(string where, string? value) =>
        new($"Invalid principal in policy: {where} names \"{value}\".");
}
