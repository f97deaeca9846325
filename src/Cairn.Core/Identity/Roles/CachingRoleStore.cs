using Cairn.Core.Caching;

namespace Cairn.Core.Identity.Roles;

/// <summary>
/// Keeps what every request of a role session reads (the role by id, its policies) in memory for a short while, as
/// <see cref="CachingIdentityStore"/> does for keys: writes through this instance drop the cache at once, a change
/// made by another node is seen once its entry ages out.
/// </summary>
public sealed class CachingRoleStore : IRoleStore
{
    private readonly IRoleStore _inner;
    private readonly ReadThroughCache<Role> _roles;
    private readonly ReadThroughCache<IReadOnlyList<RolePolicy>> _policies;

    public CachingRoleStore(IRoleStore inner, TimeProvider time, TimeSpan? lifetime = null)
    {
        _inner = inner;
        var span = lifetime ?? CachingIdentityStore.DefaultLifetime;
        _roles = new(time, span);
        _policies = new(time, span);
    }

    public Task<bool> CreateRoleAsync(Role role, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.CreateRoleAsync(role, cancellationToken));

    public Task<Role?> FindRoleAsync(string roleId, CancellationToken cancellationToken) =>
        _roles.GetAsync(roleId, _inner.FindRoleAsync, cancellationToken);

    public Task<Role?> FindRoleByNameAsync(string name, CancellationToken cancellationToken) =>
        _inner.FindRoleByNameAsync(name, cancellationToken);

    public Task<IReadOnlyList<Role>> ListRolesAsync(string? afterName, int maxRoles, CancellationToken cancellationToken) =>
        _inner.ListRolesAsync(afterName, maxRoles, cancellationToken);

    public Task<bool> UpdateRoleAsync(Role role, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.UpdateRoleAsync(role, cancellationToken));

    public Task<DeleteRoleOutcome> DeleteRoleAsync(string roleId, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.DeleteRoleAsync(roleId, cancellationToken));

    public Task<bool> PutRolePolicyAsync(RolePolicy policy, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.PutRolePolicyAsync(policy, cancellationToken));

    public Task<RolePolicy?> GetRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        _inner.GetRolePolicyAsync(roleId, policyName, cancellationToken);

    /// <summary>Cached: every request of a role session reads them.</summary>
    public async Task<IReadOnlyList<RolePolicy>> ListRolePoliciesAsync(string roleId, CancellationToken cancellationToken) =>
        await _policies.GetAsync(roleId, async (id, ct) => await _inner.ListRolePoliciesAsync(id, ct), cancellationToken) ?? [];

    public Task<bool> DeleteRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.DeleteRolePolicyAsync(roleId, policyName, cancellationToken));

    private async Task<T> WriteThroughAsync<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        finally
        {
            _roles.Clear();
            _policies.Clear();
        }
    }
}
