namespace Cairn.Core.Authorization.Policies;

/// <summary>A statement's Effect.</summary>
internal enum PolicyEffect
{
    Allow,
    Deny,
}
