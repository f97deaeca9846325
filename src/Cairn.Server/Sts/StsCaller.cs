using Cairn.Core.Authorization;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;

namespace Cairn.Server.Sts;

/// <summary>
/// Who an STS call comes from, as STS names it: the ARN and user id GetCallerIdentity answers and error messages
/// quote, the principal type and ARN trust policies may test, and the rule that session credentials may not make
/// further sessions of their own kind.
/// </summary>
internal static class StsCaller
{
    /// <summary>The caller's ARN: the session's (assumed-role, federated-user), the root account's, or the user's.</summary>
    public static string Arn(Principal principal) => principal.Session switch
    {
        { Kind: SessionKind.AssumedRole or SessionKind.Federated } session => session.Arn!,
        _ when IsRootUser(principal) => Arns.AccountRoot,
        _ => Arns.User(principal.UserName!),
    };

    /// <summary>The caller's user id as STS spells it: "role-id:session", "account:name", the account for root, else the user's id.</summary>
    public static string UserId(Principal principal) => principal.Session switch
    {
        { Kind: SessionKind.AssumedRole } session => $"{session.RoleId}:{session.SessionName}",
        { Kind: SessionKind.Federated } session => FederatedUserId(session.SessionName!),
        _ when IsRootUser(principal) => Arns.AccountId,
        _ => principal.UserId!,
    };

    /// <summary>aws:PrincipalType: AssumedRole, FederatedUser, Account (root) or User.</summary>
    public static string PrincipalType(Principal principal) => principal.Session switch
    {
        { Kind: SessionKind.AssumedRole } => "AssumedRole",
        { Kind: SessionKind.Federated } => "FederatedUser",
        _ when IsRootUser(principal) => "Account",
        _ => "User",
    };

    /// <summary>aws:PrincipalArn: the role's ARN for a role session, otherwise <see cref="Arn"/>.</summary>
    public static string PrincipalArn(Principal principal) =>
        principal.Session is { Kind: SessionKind.AssumedRole, RoleName: { } role } ? Arns.Role(role) : Arn(principal);

    /// <summary>The FederatedUserId of a federated session: the account and the name given, as STS writes it.</summary>
    public static string FederatedUserId(string name) => $"{Arns.AccountId}:{name}";

    /// <summary>GetSessionToken and GetFederationToken take long-term keys only: AccessDenied for any session, as STS answers.</summary>
    public static void RequireLongTermKey(Principal principal, string action)
    {
        if (principal.Session is not null)
        {
            throw new CairnException(ErrorCode.AccessDenied, $"Cannot call {action} with session credentials");
        }
    }

    private static bool IsRootUser(Principal principal) => principal.UserId == User.RootId;
}
