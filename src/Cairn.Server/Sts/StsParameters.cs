using System.Text;
using System.Text.RegularExpressions;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;
using Cairn.Server.Iam;

namespace Cairn.Server.Sts;

/// <summary>
/// The constraints STS puts on its parameters, checked before anything is looked up, with STS's wording: session
/// durations, session names (RoleSessionName, a federated Name), ExternalId, and session policies (at most 2,048
/// bytes: PackedPolicyTooLarge beyond; validated as identity policies: MalformedPolicyDocument). Parameters for what
/// Cairn does not have (managed policy ARNs, session tags, MFA, source identity) are refused, not dropped.
/// </summary>
internal static partial class StsParameters
{
    public const string DurationSeconds = "DurationSeconds";
    public const int MinDurationSeconds = 900;

    /// <summary>The longest session a root user's credentials get from GetSessionToken or GetFederationToken, as in STS.</summary>
    public static readonly TimeSpan RootMaxDuration = TimeSpan.FromHours(1);

    private static readonly string[] Unsupported = ["PolicyArns.", "Tags.", "TransitiveTagKeys.", "SerialNumber", "TokenCode", "SourceIdentity", "ProvidedContexts."];

    /// <summary>DurationSeconds between 900 and <paramref name="max"/> seconds; <paramref name="fallback"/> when absent.</summary>
    public static TimeSpan Duration(QueryApiParameters parameters, int max, int fallback) =>
        TimeSpan.FromSeconds(parameters.Integer(DurationSeconds, MinDurationSeconds, max, fallback));

    /// <summary>A required session name: <paramref name="minLength"/> to <paramref name="maxLength"/> characters of <c>[\w+=,.@-]</c>.</summary>
    public static string Name(QueryApiParameters parameters, string parameter, int minLength, int maxLength)
    {
        var value = parameters.Required(parameter);
        CheckLength(value, parameter, minLength, maxLength);
        return IamNames.IsName(value) ? value : throw PatternMismatch(value, parameter, @"[\w+=,.@-]*");
    }

    /// <summary>ExternalId: 2 to 1,224 characters of <c>[\w+=,.@:/-]</c>; null when absent.</summary>
    public static string? ExternalId(QueryApiParameters parameters)
    {
        const string name = "ExternalId";
        if (parameters.Optional(name) is not { } value)
        {
            return null;
        }

        CheckLength(value, name, 2, 1224);
        return ExternalIdPattern().IsMatch(value) ? value : throw PatternMismatch(value, name, @"[\w+=,.@:\/-]*");
    }

    /// <summary>The session policy (Policy) as sent, validated; null when absent.</summary>
    public static string? SessionPolicy(QueryApiParameters parameters)
    {
        if (parameters.Optional("Policy") is not { } text)
        {
            return null;
        }

        if (Encoding.UTF8.GetByteCount(text) > PolicyLimits.MaxSessionPolicyBytes)
        {
            throw new CairnException(ErrorCode.PackedPolicyTooLarge,
                $"Packed policy consumes {PackedPolicySize(text)}% of allotted space, please use smaller policy.");
        }

        PolicyText.Parse(text, PolicyKind.User);
        return text;
    }

    /// <summary>PackedPolicySize: the share of the 2,048 bytes a session policy may take, in percent rounded up.</summary>
    public static int PackedPolicySize(string policy) =>
        (int)Math.Ceiling(Encoding.UTF8.GetByteCount(policy) * 100.0 / PolicyLimits.MaxSessionPolicyBytes);

    /// <summary>NotImplemented for a parameter asking for something Cairn has no notion of.</summary>
    public static void RefuseUnsupported(QueryApiParameters parameters)
    {
        foreach (var name in Unsupported)
        {
            if (name.EndsWith('.') ? parameters.HasAnyStartingWith(name) : parameters.Optional(name) is not null)
            {
                throw new CairnException(ErrorCode.NotImplemented,
                    $"Cairn has no managed policies, session tags, MFA devices or source identities; {name.TrimEnd('.')} is not supported.");
            }
        }
    }

    private static void CheckLength(string value, string parameter, int minLength, int maxLength)
    {
        var prefix = $"1 validation error detected: Value '{value}' at '{QueryApiParameters.CamelCase(parameter)}' failed to satisfy constraint: ";
        if (value.Length < minLength)
        {
            throw new CairnException(ErrorCode.ValidationError, prefix + $"Member must have length greater than or equal to {minLength}");
        }

        if (value.Length > maxLength)
        {
            throw new CairnException(ErrorCode.ValidationError, prefix + $"Member must have length less than or equal to {maxLength}");
        }
    }

    private static CairnException PatternMismatch(string value, string parameter, string pattern) =>
        new(ErrorCode.ValidationError,
            $"1 validation error detected: Value '{value}' at '{QueryApiParameters.CamelCase(parameter)}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();
}
