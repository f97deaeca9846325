namespace Cairn.Core.Identity.Roles;

/// <summary>What DeleteRole did: as IAM, a role is removed only once its inline policies are gone (DeleteConflict).</summary>
public enum DeleteRoleOutcome
{
    Deleted,
    NotFound,
    HasPolicies,
}
