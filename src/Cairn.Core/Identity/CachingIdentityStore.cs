using Cairn.Core.Caching;

namespace Cairn.Core.Identity;

/// <summary>
/// Keeps what authentication reads on every request (key → secret, user, status, expiry) and what listings read
/// (user → name) in memory for a short <see cref="Lifetime"/>, so a signed request costs no store read. Writes
/// through this instance drop the whole cache at once, so a key switched off here fails its very next request;
/// a change made by another process sharing the store is seen once the entry ages out. Only found entries are
/// kept: unknown key ids always reach the store, so guessing ids cannot fill memory. Expiry is not cached as a
/// verdict: <see cref="AccessKeyWithUser.IsUsableAt"/> is checked by the caller on every request.
/// </summary>
public sealed class CachingIdentityStore : IIdentityStore
{
    /// <summary>How long another process's change may go unseen.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(5);

    private readonly IIdentityStore _inner;
    private readonly ReadThroughCache<AccessKeyWithUser> _keys;
    private readonly ReadThroughCache<User> _users;
    private readonly ReadThroughCache<IReadOnlyList<UserPolicy>> _policies;

    public CachingIdentityStore(IIdentityStore inner, TimeProvider time, TimeSpan? lifetime = null)
    {
        _inner = inner;
        Lifetime = lifetime ?? DefaultLifetime;
        _keys = new(time, Lifetime);
        _users = new(time, Lifetime);
        _policies = new(time, Lifetime);
    }

    public TimeSpan Lifetime { get; }

    public Task<AccessKeyWithUser?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        _keys.GetAsync(accessKeyId, _inner.FindAccessKeyAsync, cancellationToken);

    public Task<User?> FindUserAsync(string userId, CancellationToken cancellationToken) =>
        _users.GetAsync(userId, _inner.FindUserAsync, cancellationToken);

    public Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.CreateUserAsync(user, cancellationToken));

    public Task<bool> UpdateUserAsync(User user, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.UpdateUserAsync(user, cancellationToken));

    public Task<bool> CreateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.CreateAccessKeyAsync(key, cancellationToken));

    public Task<bool> UpdateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.UpdateAccessKeyAsync(key, cancellationToken));

    public Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string userId, CancellationToken cancellationToken) =>
        _inner.ListAccessKeysAsync(userId, cancellationToken);

    public Task<bool> EnsureRootAsync(string accessKeyId, string secret, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.EnsureRootAsync(accessKeyId, secret, cancellationToken));

    public Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken) =>
        _inner.FindUserByNameAsync(name, cancellationToken);

    public Task<IReadOnlyList<User>> ListUsersAsync(string? afterName, int maxUsers, CancellationToken cancellationToken) =>
        _inner.ListUsersAsync(afterName, maxUsers, cancellationToken);

    public Task<DeleteUserOutcome> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.DeleteUserAsync(userId, cancellationToken));

    public Task<bool> DeleteAccessKeyAsync(string userId, string accessKeyId, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.DeleteAccessKeyAsync(userId, accessKeyId, cancellationToken));

    public Task<bool> PutUserPolicyAsync(UserPolicy policy, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.PutUserPolicyAsync(policy, cancellationToken));

    public Task<UserPolicy?> GetUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        _inner.GetUserPolicyAsync(userId, policyName, cancellationToken);

    /// <summary>Cached like keys: every request of a user that is not root reads its policies.</summary>
    public async Task<IReadOnlyList<UserPolicy>> ListUserPoliciesAsync(string userId, CancellationToken cancellationToken) =>
        await _policies.GetAsync(userId, async (id, ct) => await _inner.ListUserPoliciesAsync(id, ct), cancellationToken) ?? [];

    public Task<bool> DeleteUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        WriteThroughAsync(_inner.DeleteUserPolicyAsync(userId, policyName, cancellationToken));

    private async Task<T> WriteThroughAsync<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        finally
        {
            _keys.Clear();
            _users.Clear();
            _policies.Clear();
        }
    }
}
