using System.Diagnostics.CodeAnalysis;
using Cairn.Core.Identity.Sessions;

namespace Cairn.Core.Identity;

/// <summary>
/// Who a request acts as, once authentication has verified it: the user, the access key that signed, and, for
/// temporary credentials, the session they belong to. Authorization decides on this, never on the raw request.
/// </summary>
public sealed class Principal
{
    /// <param name="userId">The acting user's id; for a role session, the role's owner (who owns what it writes).</param>
    /// <param name="accessKeyId">The key that signed the request.</param>
    /// <param name="userName">The acting user's name (policies match user ARNs and aws:username by it).</param>
    /// <param name="session">The temporary session the key belongs to; null for long-term keys.</param>
    public Principal(string userId, string accessKeyId, string? userName = null, SessionGrant? session = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        UserId = userId;
        AccessKeyId = accessKeyId;
        UserName = userName;
        Session = session;
    }

    private Principal()
    {
    }

    /// <summary>An unsigned request.</summary>
    public static Principal Anonymous { get; } = new();

    /// <summary>
    /// The acting user's id, which ownership records; for a role session the role's owner. Null when anonymous.
    /// </summary>
    public string? UserId { get; }

    /// <summary>The acting user's name, when known; null when anonymous.</summary>
    public string? UserName { get; }

    /// <summary>
    /// True for the administrator, who may do everything (docs/access-control.md): the root user's own keys, and its
    /// GetSessionToken sessions; never a role session or a session a policy narrows.
    /// </summary>
    public bool IsRoot => UserId == User.RootId && Session is null or { Kind: SessionKind.SessionToken };

    /// <summary>The key that signed the request; null when anonymous.</summary>
    public string? AccessKeyId { get; }

    /// <summary>The temporary session the signing key belongs to; null for long-term keys and anonymous requests.</summary>
    public SessionGrant? Session { get; }

    [MemberNotNullWhen(false, nameof(UserId), nameof(AccessKeyId))]
    public bool IsAnonymous => UserId is null;

    public override string ToString() => IsAnonymous ? "anonymous" : $"{UserId} ({AccessKeyId})";
}
