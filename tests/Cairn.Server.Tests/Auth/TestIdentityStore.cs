using System.Text;
using Cairn.Core.Identity;

namespace Cairn.Server.Tests.Auth;

/// <summary>An identity store holding a fixed set of keys, each acting for a user of the same id.</summary>
internal sealed class TestIdentityStore : IIdentityStore
{
    /// <summary>Names in UTF-8 byte order, the order user listings promise.</summary>
    private static readonly Comparer<string> Utf8Order =
        Comparer<string>.Create((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

    private readonly Dictionary<string, AccessKeyWithUser> _keys;
    private readonly Dictionary<(string UserId, string Name), UserPolicy> _policies = [];

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

    private IEnumerable<User> Users => _keys.Values.Select(k => k.User).DistinctBy(u => u.Id);

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

    public Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Users.FirstOrDefault(u => u.Name == name));

    public Task<IReadOnlyList<User>> ListUsersAsync(string? afterName, int maxUsers, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<User>>(Users
            .Where(u => afterName is null || Utf8Order.Compare(u.Name, afterName) > 0)
            .OrderBy(u => u.Name, Utf8Order).Take(maxUsers).ToList());

    /// <summary>A user here exists through its keys, so a user that exists always has keys in the way.</summary>
    public Task<DeleteUserOutcome> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Users.Any(u => u.Id == userId) ? DeleteUserOutcome.HasAccessKeys : DeleteUserOutcome.NotFound);

    public Task<bool> DeleteAccessKeyAsync(string userId, string accessKeyId, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.TryGetValue(accessKeyId, out var entry) && entry.Key.UserId == userId && _keys.Remove(accessKeyId));

    public Task<bool> PutUserPolicyAsync(UserPolicy policy, CancellationToken cancellationToken)
    {
        if (!Users.Any(u => u.Id == policy.UserId))
        {
            return Task.FromResult(false);
        }

        _policies[(policy.UserId, policy.Name)] = policy;
        return Task.FromResult(true);
    }

    public Task<UserPolicy?> GetUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        Task.FromResult(_policies.GetValueOrDefault((userId, policyName)));

    public Task<IReadOnlyList<UserPolicy>> ListUserPoliciesAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UserPolicy>>(_policies.Values.Where(p => p.UserId == userId).OrderBy(p => p.Name, StringComparer.Ordinal).ToList());

    public Task<bool> DeleteUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        Task.FromResult(_policies.Remove((userId, policyName)));
}
