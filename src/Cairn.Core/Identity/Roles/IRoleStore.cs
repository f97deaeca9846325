namespace Cairn.Core.Identity.Roles;

/// <summary>
/// The role port: roles and their inline policies (docs/identity.md "Roles and temporary credentials"). Implemented by
/// each metadata store next to <see cref="IIdentityStore"/>. Writes are atomic one by one; expected outcomes (a taken
/// name, a missing role) are return values, not exceptions.
/// </summary>
public interface IRoleStore
{
    /// <summary>Adds a role; false when its id or name (ignoring case) is taken.</summary>
    Task<bool> CreateRoleAsync(Role role, CancellationToken cancellationToken);

    /// <summary>The role with this id; null when none.</summary>
    Task<Role?> FindRoleAsync(string roleId, CancellationToken cancellationToken);

    /// <summary>The role with this name (ignoring case); null when none.</summary>
    Task<Role?> FindRoleByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Roles in name order (UTF-8 byte order) after <paramref name="afterName"/> (exclusive), at most <paramref name="maxRoles"/>.</summary>
    Task<IReadOnlyList<Role>> ListRolesAsync(string? afterName, int maxRoles, CancellationToken cancellationToken);

    /// <summary>
    /// Changes a role's trust policy, maximum session duration and description (its id, name, owner and creation time
    /// never change); false when there is no such role.
    /// </summary>
    Task<bool> UpdateRoleAsync(Role role, CancellationToken cancellationToken);

    /// <summary>Removes a role that has no inline policies left, in one transaction; otherwise changes nothing.</summary>
    Task<DeleteRoleOutcome> DeleteRoleAsync(string roleId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a role's inline policy by name; false when the role does not exist.</summary>
    Task<bool> PutRolePolicyAsync(RolePolicy policy, CancellationToken cancellationToken);

    /// <summary>One inline policy of a role; null when there is none by that name.</summary>
    Task<RolePolicy?> GetRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken);

    /// <summary>All inline policies of a role, by name; empty for an unknown role.</summary>
    Task<IReadOnlyList<RolePolicy>> ListRolePoliciesAsync(string roleId, CancellationToken cancellationToken);

    /// <summary>Removes one inline policy of a role; false when there was none by that name.</summary>
    Task<bool> DeleteRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken);
}
