using System.Diagnostics.CodeAnalysis;

namespace Cairn.Core.Identity;

/// <summary>
/// Who a request acts as, once authentication has verified it: the user, the access key that signed, and, for
/// temporary credentials, the claims of their session. Authorization decides on this, never on the raw request.
/// </summary>
public sealed class Principal
{
    private static readonly IReadOnlyDictionary<string, string> NoClaims = new Dictionary<string, string>();

    /// <param name="userId">The acting user's id.</param>
    /// <param name="accessKeyId">The key that signed the request.</param>
    /// <param name="sessionClaims">Claims of a temporary session; none for long-term keys.</param>
    /// <param name="userName">The acting user's name (policies match user ARNs and aws:username by it).</param>
    public Principal(string userId, string accessKeyId, IReadOnlyDictionary<string, string>? sessionClaims = null, string? userName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        UserId = userId;
        AccessKeyId = accessKeyId;
        SessionClaims = sessionClaims ?? NoClaims;
        UserName = userName;
    }

    private Principal()
    {
        SessionClaims = NoClaims;
    }

    /// <summary>An unsigned request.</summary>
    public static Principal Anonymous { get; } = new();

    /// <summary>The acting user's id; null when anonymous.</summary>
    public string? UserId { get; }

    /// <summary>The acting user's name, when known; null when anonymous.</summary>
    public string? UserName { get; }

    /// <summary>True for the administrator, who may do everything (docs/access-control.md).</summary>
    public bool IsRoot => UserId == User.RootId;

    /// <summary>The key that signed the request; null when anonymous.</summary>
    public string? AccessKeyId { get; }

    /// <summary>Claims of a temporary session (empty for long-term keys and anonymous requests).</summary>
    public IReadOnlyDictionary<string, string> SessionClaims { get; }

    [MemberNotNullWhen(false, nameof(UserId), nameof(AccessKeyId))]
    public bool IsAnonymous => UserId is null;

    public override string ToString() => IsAnonymous ? "anonymous" : $"{UserId} ({AccessKeyId})";
}
