using System.Globalization;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;

namespace Cairn.Core.Authorization;

/// <summary>
/// The condition keys that follow from who is asking (docs/access-control.md "Condition keys"): aws:userid,
/// aws:username, aws:PrincipalType, aws:PrincipalArn, and aws:TokenIssueTime for temporary credentials. One place,
/// so the S3 API and STS (trust policies) offer policies the same values.
/// </summary>
public static class PrincipalConditionKeys
{
    public static void AddTo(IDictionary<string, IReadOnlyList<string>> keys, Principal principal)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.IsAnonymous)
        {
            keys["aws:PrincipalType"] = ["Anonymous"];
            return;
        }

        var caller = PolicyCaller.For(principal);
        keys["aws:userid"] = [caller.UserId!];
        if (caller.UserName is { } name)
        {
            keys["aws:username"] = [name];
        }

        var session = principal.Session;
        keys["aws:PrincipalType"] = [session?.Kind switch
        {
            SessionKind.AssumedRole => "AssumedRole",
            SessionKind.Federated => "FederatedUser",
            _ => principal.UserId == User.RootId ? "Account" : "User",
        }];
        keys["aws:PrincipalArn"] = [session is { Kind: SessionKind.AssumedRole, RoleName: { } role } ? Arns.Role(role)
            : principal.UserId == User.RootId && session?.Kind != SessionKind.Federated ? Arns.AccountRoot
            : caller.Arn!];
        if (session is not null)
        {
            keys["aws:TokenIssueTime"] = [session.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)];
        }
    }
}
