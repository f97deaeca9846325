using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;

namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// Who a policy is evaluated for: a user (canonical id and name), a session of a role or a federated session, or an
/// anonymous request. Principal elements match it by canonical id, by user ARN (<see cref="Arns.User"/>), by role ARN
/// (every session of the role), by its session ARN, by account, or by "*".
/// </summary>
/// <param name="UserId">The aws:userid value: a user's id; for a role session "role-id:session-name", as AWS spells it.</param>
/// <param name="UserName">The user's name (aws:username, user ARNs); null for role sessions.</param>
public sealed record PolicyCaller(string? UserId, string? UserName)
{
    public static PolicyCaller Anonymous { get; } = new(null, null);

    /// <summary>The role's name, for a session of a role; null otherwise.</summary>
    public string? RoleName { get; init; }

    /// <summary>The assumed-role or federated-user ARN of a session; null otherwise.</summary>
    public string? SessionArn { get; init; }

    public bool IsAnonymous => UserId is null;

    /// <summary>The caller's own ARN: the session's, else the user's; null when anonymous.</summary>
    public string? Arn => SessionArn ?? (UserName is null ? null : Arns.User(UserName));

    /// <summary>The caller a principal is seen as by policies.</summary>
    public static PolicyCaller For(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.IsAnonymous)
        {
            return Anonymous;
        }

        return principal.Session switch
        {
            { Kind: SessionKind.AssumedRole } s => new PolicyCaller($"{s.RoleId}:{s.SessionName}", null)
            {
                RoleName = s.RoleName,
                SessionArn = s.Arn,
            },
            { Kind: SessionKind.Federated } s => new PolicyCaller(principal.UserId, principal.UserName) { SessionArn = s.Arn },
            _ => new PolicyCaller(principal.UserId, principal.UserName),
        };
    }
}
