using Cairn.Core.Identity.Roles;

namespace Cairn.Core.Tests.Identity;

/// <summary>A dictionary-backed role store for decisions that read role policies.</summary>
internal sealed class InMemoryRoleStore : IRoleStore
{
    private readonly Dictionary<string, Role> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<(string RoleId, string Name), RolePolicy> _policies = [];

    public Task<bool> CreateRoleAsync(Role role, CancellationToken cancellationToken)
    {
        var taken = _roles.ContainsKey(role.Id) || _roles.Values.Any(r => string.Equals(r.Name, role.Name, StringComparison.OrdinalIgnoreCase));
        if (!taken)
        {
            _roles[role.Id] = role;
        }

        return Task.FromResult(!taken);
    }

    public Task<Role?> FindRoleAsync(string roleId, CancellationToken cancellationToken) =>
        Task.FromResult(_roles.GetValueOrDefault(roleId));

    public Task<Role?> FindRoleByNameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_roles.Values.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<Role>> ListRolesAsync(string? afterName, int maxRoles, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Role>>([.. _roles.Values
            .Where(r => afterName is null || string.CompareOrdinal(r.Name, afterName) > 0)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Take(maxRoles)]);

    public Task<bool> UpdateRoleAsync(Role role, CancellationToken cancellationToken)
    {
        var found = _roles.ContainsKey(role.Id);
        if (found)
        {
            _roles[role.Id] = role;
        }

        return Task.FromResult(found);
    }

    public Task<DeleteRoleOutcome> DeleteRoleAsync(string roleId, CancellationToken cancellationToken) =>
        Task.FromResult(!_roles.ContainsKey(roleId) ? DeleteRoleOutcome.NotFound
            : _policies.Keys.Any(k => k.RoleId == roleId) ? DeleteRoleOutcome.HasPolicies
            : _roles.Remove(roleId) ? DeleteRoleOutcome.Deleted : DeleteRoleOutcome.NotFound);

    public Task<bool> PutRolePolicyAsync(RolePolicy policy, CancellationToken cancellationToken)
    {
        var found = _roles.ContainsKey(policy.RoleId);
        if (found)
        {
            _policies[(policy.RoleId, policy.Name)] = policy;
        }

        return Task.FromResult(found);
    }

    public Task<RolePolicy?> GetRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        Task.FromResult(_policies.GetValueOrDefault((roleId, policyName)));

    public Task<IReadOnlyList<RolePolicy>> ListRolePoliciesAsync(string roleId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RolePolicy>>([.. _policies.Values.Where(p => p.RoleId == roleId).OrderBy(p => p.Name, StringComparer.Ordinal)]);

    public Task<bool> DeleteRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        Task.FromResult(_policies.Remove((roleId, policyName)));
}
