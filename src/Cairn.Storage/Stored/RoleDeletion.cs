using Cairn.Core.Identity.Roles;

namespace Cairn.Storage.Stored;

/// <summary>
/// The one rule both stores apply to DeleteRole, from what the deleting transaction read: as IAM, a role goes only
/// once its inline policies are gone, so that deleting a role never silently drops rights someone attached to it.
/// </summary>
internal static class RoleDeletion
{
    public static DeleteRoleOutcome Decide(bool exists, bool hasPolicies) =>
        !exists ? DeleteRoleOutcome.NotFound
        : hasPolicies ? DeleteRoleOutcome.HasPolicies
        : DeleteRoleOutcome.Deleted;
}
