namespace Cairn.Core.Authorization.Policies;

/// <summary>What one policy says about one request: nothing (no statement applies), allow, or an explicit deny.</summary>
public enum PolicyVerdict
{
    NotApplicable,
    Allow,
    Deny,
}
