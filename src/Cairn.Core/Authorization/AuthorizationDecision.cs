namespace Cairn.Core.Authorization;

/// <summary>What an authorizer decided, and for which action, so a refusal can say what was missing.</summary>
/// <param name="IsAllowed">Whether the request may proceed.</param>
/// <param name="Action">The S3 action that was asked for (<see cref="Permissions.ActionFor"/>).</param>
/// <param name="Reason">Why it was refused; null when allowed.</param>
public readonly record struct AuthorizationDecision(bool IsAllowed, string Action, string? Reason)
{
    public static AuthorizationDecision Allow(string action) => new(true, action, null);

    public static AuthorizationDecision Deny(string action, string reason) => new(false, action, reason);
}
