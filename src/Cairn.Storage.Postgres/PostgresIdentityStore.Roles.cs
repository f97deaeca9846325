using Cairn.Core.Identity.Roles;

namespace Cairn.Storage.Postgres;

/// <summary>Roles and their inline policies (docs/identity.md "Roles and temporary credentials").</summary>
public sealed partial class PostgresIdentityStore : IRoleStore
{
    public Task<bool> CreateRoleAsync(Role role, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Role?> FindRoleAsync(string roleId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Role?> FindRoleByNameAsync(string name, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<Role>> ListRolesAsync(string? afterName, int maxRoles, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<bool> UpdateRoleAsync(Role role, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<DeleteRoleOutcome> DeleteRoleAsync(string roleId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<bool> PutRolePolicyAsync(RolePolicy policy, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<RolePolicy?> GetRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<RolePolicy>> ListRolePoliciesAsync(string roleId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<bool> DeleteRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
