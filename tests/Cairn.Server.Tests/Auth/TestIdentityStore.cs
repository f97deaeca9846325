using Cairn.Core.Identity;

namespace Cairn.Server.Tests.Auth;

/// <summary>An identity store holding a fixed set of keys, each acting for a user of the same id.</summary>
internal sealed class TestIdentityStore : IIdentityStore
{
    private readonly Dictionary<string, AccessKeyWithUser> _keys;

    public TestIdentityStore(params (string AccessKeyId, string Secret)[] keys)
        : this(keys.Select(k => new AccessKey(k.AccessKeyId, k.Secret, "user-" + k.AccessKeyId, IdentityStatus.Active, null, DateTimeOffset.UnixEpoch)).ToArray())
    {
    }

    public TestIdentityStore(params AccessKey[] keys)
    {
        _keys = keys.ToDictionary(
            k => k.AccessKeyId,
            k => new AccessKeyWithUser(k, new User(k.UserId, k.UserId, DateTimeOffset.UnixEpoch, IdentityStatus.Active)),
            StringComparer.Ordinal);
    }

    public Task<AccessKeyWithUser?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.GetValueOrDefault(accessKeyId));

    public Task<User?> FindUserAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.Values.Select(k => k.User).FirstOrDefault(u => u.Id == userId));

    public Task<bool> UpdateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken)
    {
        if (!_keys.TryGetValue(key.AccessKeyId, out var entry) || entry.Key.UserId != key.UserId)
        {
            return Task.FromResult(false);
        }

        _keys[key.AccessKeyId] = entry with { Key = key };
        return Task.FromResult(true);
    }

    public Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> UpdateUserAsync(User user, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> CreateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string userId, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

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
