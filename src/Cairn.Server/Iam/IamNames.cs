using System.Text.RegularExpressions;
using Cairn.Core.Errors;

namespace Cairn.Server.Iam;

/// <summary>
/// The constraints IAM puts on the names it is given, checked before anything is looked up: a user or role name is 1
/// to 64 and a policy name 1 to 128 characters of letters, digits and <c>_+=,.@-</c>. Cairn has no IAM paths: every
/// user and role is at "/", and another path is refused rather than silently dropped.
/// </summary>
internal static partial class IamNames
{
    public const string UserName = "UserName";
    public const string PolicyName = "PolicyName";
    public const string RoleName = "RoleName";
    public const string RootPath = "/";

    /// <summary>The UserName parameter, validated; null when absent (the action then acts on its caller).</summary>
    public static string? OptionalUser(QueryApiParameters parameters) =>
        parameters.Optional(UserName) is { } name ? Check(name, UserName, 64) : null;

    public static string RequiredUser(QueryApiParameters parameters) => Check(parameters.Required(UserName), UserName, 64);

    public static string RequiredRole(QueryApiParameters parameters) => Check(parameters.Required(RoleName), RoleName, 64);

    public static string RequiredPolicy(QueryApiParameters parameters) => Check(parameters.Required(PolicyName), PolicyName, 128);

    /// <summary>Refuses a Path other than "/" (NotImplemented: Cairn keeps no paths).</summary>
    public static void RequireRootPath(QueryApiParameters parameters)
    {
        if (parameters.Optional("Path") is { } path && path != RootPath)
        {
            throw new CairnException(ErrorCode.NotImplemented, $"Cairn keeps every user and role at path \"/\"; the path '{path}' is not supported.");
        }
    }

    private static string Check(string value, string parameter, int maxLength)
    {
        var field = QueryApiParameters.CamelCase(parameter);
        if (value.Length < 1 || value.Length > maxLength)
        {
            throw new CairnException(ErrorCode.ValidationError,
                $"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must have length between 1 and {maxLength}");
        }

        if (!IsName(value))
        {
            throw new CairnException(ErrorCode.ValidationError,
                $"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }

        return value;
    }

    /// <summary>True when <paramref name="value"/> is made of the characters IAM and STS allow in names (<c>[\w+=,.@-]</c>).</summary>
    public static bool IsName(string value) => NamePattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
