namespace Cairn.Core.Identity.Sessions;

/// <summary>How a temporary session came to be, which decides what it may do (docs/access-control.md "Sessions").</summary>
public enum SessionKind
{
    /// <summary>STS AssumeRole: the role's policies, narrowed by the session policy.</summary>
    AssumedRole,

    /// <summary>STS GetSessionToken: the user's own rights, for a while.</summary>
    SessionToken,

    /// <summary>STS GetFederationToken: the user's rights narrowed by the session policy.</summary>
    Federated,
}
