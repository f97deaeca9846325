using Cairn.Core.Identity.Roles;

namespace Cairn.Core.Tests.Identity;

/// <summary>A dictionary-backed role store that counts the lookups of roles by id and of policy lists reaching it.</summary>
internal sealed class InMemoryRoleStore : IRoleStore
{
    private readonly Dictionary<string, Role> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<(string RoleId, string Name), RolePolicy> _policies = [];

    public int RoleLookups { get; private set; }

    public int PolicyLookups { get; private set; }

    public Task<bool> CreateRoleAsync(Role role, CancellationToken cancellationToken) =>
        Task.FromResult(!_roles.Values.Any(r => string.Equals(r.Name, role.Name, StringComparison.OrdinalIgnoreCase)) && _roles.TryAdd(role.Id, role));

    public Task<Role?> FindRoleAsync(string roleId, CancellationToken cancellationToken)
    {
        RoleLookups++;
        return Task.FromResult(_roles.GetValueOrDefault(roleId));
    }

    public Task<Role?> FindRoleByNameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_roles.Values.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<Role>> ListRolesAsync(string? afterName, int maxRoles, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Role>>(_roles.Values
            .Where(r => afterName is null || string.CompareOrdinal(r.Name, afterName) > 0)
            .OrderBy(r => r.Name, StringComparer.Ordinal).Take(maxRoles).ToList());

    public Task<bool> UpdateRoleAsync(Role role, CancellationToken cancellationToken)
    {
        if (!_roles.TryGetValue(role.Id, out var stored))
        {
            return Task.FromResult(false);
        }

        _roles[role.Id] = stored with { TrustPolicy = role.TrustPolicy, MaxSessionDuration = role.MaxSessionDuration, Description = role.Description };
        return Task.FromResult(true);
    }

    public Task<DeleteRoleOutcome> DeleteRoleAsync(string roleId, CancellationToken cancellationToken)
    {
        var outcome = !_roles.ContainsKey(roleId) ? DeleteRoleOutcome.NotFound
            : _policies.Keys.Any(k => k.RoleId == roleId) ? DeleteRoleOutcome.HasPolicies
            : DeleteRoleOutcome.Deleted;
        if (outcome == DeleteRoleOutcome.Deleted)
        {
            _roles.Remove(roleId);
        }

        return Task.FromResult(outcome);
    }

    public Task<bool> PutRolePolicyAsync(RolePolicy policy, CancellationToken cancellationToken)
    {
        if (!_roles.ContainsKey(policy.RoleId))
        {
            return Task.FromResult(false);
        }

        _policies[(policy.RoleId, policy.Name)] = policy;
        return Task.FromResult(true);
    }

    public Task<RolePolicy?> GetRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        Task.FromResult(_policies.GetValueOrDefault((roleId, policyName)));

    public Task<IReadOnlyList<RolePolicy>> ListRolePoliciesAsync(string roleId, CancellationToken cancellationToken)
    {
        PolicyLookups++;
        return Task.FromResult<IReadOnlyList<RolePolicy>>(
            _policies.Values.Where(p => p.RoleId == roleId).OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
    }

    public Task<bool> DeleteRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        Task.FromResult(_policies.Remove((roleId, policyName)));
}
