using Cairn.Core.Identity;

namespace Cairn.Core.Tests.Identity;

/// <summary>A dictionary-backed identity store that counts the lookups reaching it.</summary>
internal sealed class InMemoryIdentityStore : IIdentityStore
{
    private readonly Dictionary<string, User> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessKey> _keys = new(StringComparer.Ordinal);

    public int KeyLookups { get; private set; }

    public int UserLookups { get; private set; }

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

    public Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<User>> ListUsersAsync(string? afterName, int maxUsers, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<DeleteUserOutcome> DeleteUserAsync(string userId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<bool> DeleteAccessKeyAsync(string userId, string accessKeyId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<bool> PutUserPolicyAsync(UserPolicy policy, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<UserPolicy?> GetUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<UserPolicy>> ListUserPoliciesAsync(string userId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<bool> DeleteUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) => throw new NotImplementedException();
}
