using Cairn.Core.Identity;
using Cairn.Storage.Listing;

namespace Cairn.Core.Tests.Identity;

/// <summary>A dictionary-backed identity store (no buckets) that counts the lookups reaching it.</summary>
internal sealed class InMemoryIdentityStore : IIdentityStore
{
    private readonly Dictionary<string, User> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string UserId, string Name), UserPolicy> _policies = [];

    public int KeyLookups { get; private set; }

    public int UserLookups { get; private set; }

    public int PolicyLookups { get; private set; }

    /// <summary>Runs inside the next key lookup, after the store has read its answer.</summary>
    public Action? DuringNextKeyLookup { get; set; }

    public Task<AccessKeyWithUser?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        KeyLookups++;
        AccessKeyWithUser? found = _keys.TryGetValue(accessKeyId, out var key) ? new(key, _users[key.UserId]) : null;
        var during = DuringNextKeyLookup;
        DuringNextKeyLookup = null;
        during?.Invoke();
        return Task.FromResult(found);
    }

    public Task<User?> FindUserAsync(string userId, CancellationToken cancellationToken)
    {
        UserLookups++;
        return Task.FromResult(_users.GetValueOrDefault(userId));
    }

    public Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken) =>
        Task.FromResult(_users.TryAdd(user.Id, user));

    public Task<bool> UpdateUserAsync(User user, CancellationToken cancellationToken) =>
        Task.FromResult(_users.ContainsKey(user.Id) && (_users[user.Id] = user) is not null);

    public Task<bool> CreateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_users.ContainsKey(key.UserId) && _keys.TryAdd(key.AccessKeyId, key));

    public Task<bool> UpdateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.ContainsKey(key.AccessKeyId) && (_keys[key.AccessKeyId] = key) is not null);

    public Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccessKey>>(_keys.Values.Where(k => k.UserId == userId).OrderBy(k => k.AccessKeyId, StringComparer.Ordinal).ToList());

    public Task<bool> EnsureRootAsync(string accessKeyId, string secret, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_users.Values.FirstOrDefault(u => u.Name == name));

    public Task<IReadOnlyList<User>> ListUsersAsync(string? afterName, int maxUsers, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<User>>(_users.Values
            .Where(u => afterName is null || KeyOrder.Utf8Compare(u.Name, afterName) > 0)
            .OrderBy(u => u.Name, Comparer<string>.Create(KeyOrder.Utf8Compare)).Take(maxUsers).ToList());

    /// <summary>This store holds no buckets, so only keys and policies stand in the way.</summary>
    public Task<DeleteUserOutcome> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        var outcome = !_users.ContainsKey(userId) ? DeleteUserOutcome.NotFound
            : userId == User.RootId || _keys.Values.Any(k => k.UserId == userId) ? DeleteUserOutcome.HasAccessKeys
            : _policies.Keys.Any(k => k.UserId == userId) ? DeleteUserOutcome.HasPolicies
            : DeleteUserOutcome.Deleted;
        if (outcome == DeleteUserOutcome.Deleted)
        {
            _users.Remove(userId);
        }

        return Task.FromResult(outcome);
    }

    public Task<bool> DeleteAccessKeyAsync(string userId, string accessKeyId, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.TryGetValue(accessKeyId, out var key) && key.UserId == userId && _keys.Remove(accessKeyId));

    public Task<bool> PutUserPolicyAsync(UserPolicy policy, CancellationToken cancellationToken)
    {
        if (!_users.ContainsKey(policy.UserId))
        {
            return Task.FromResult(false);
        }

        _policies[(policy.UserId, policy.Name)] = policy;
        return Task.FromResult(true);
    }

    public Task<UserPolicy?> GetUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken)
    {
        PolicyLookups++;
        return Task.FromResult(_policies.GetValueOrDefault((userId, policyName)));
    }

    public Task<IReadOnlyList<UserPolicy>> ListUserPoliciesAsync(string userId, CancellationToken cancellationToken)
    {
        PolicyLookups++;
        return Task.FromResult<IReadOnlyList<UserPolicy>>(
            _policies.Values.Where(p => p.UserId == userId).OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
    }

    public Task<bool> DeleteUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        Task.FromResult(_policies.Remove((userId, policyName)));
}
