namespace Cairn.Core.Identity;

/// <summary>
/// Keeps access key secrets sealed at rest (<see cref="SecretBox"/>) in whatever store it wraps: secrets are sealed on
/// the way in and opened on the way out, so the store below only ever holds sealed text and nothing above sees it.
/// Secrets stored before sealing existed are read as they are until <see cref="ProtectStoredSecretsAsync"/> (run at
/// every start) seals them.
/// </summary>
public sealed class SecretProtectingIdentityStore(IIdentityStore inner, SecretBox box) : IIdentityStore
{
    /// <summary>Users read per page while walking every key.</summary>
    private const int UserPage = 100;

    /// <summary>
    /// Seals every secret still stored as issued and checks that every sealed one opens, in one pass over all users'
    /// keys; returns how many it sealed. Throws <see cref="UnreadableSecretException"/> for the first that does not
    /// open, so a server with the wrong master key stops at start rather than refusing every request.
    /// </summary>
    public async Task<int> ProtectStoredSecretsAsync(CancellationToken cancellationToken)
    {
        var sealedNow = 0;
        for (string? after = null; ;)
        {
            var users = await inner.ListUsersAsync(after, UserPage, cancellationToken);
            foreach (var user in users)
            {
                foreach (var key in await inner.ListAccessKeysAsync(user.Id, cancellationToken))
                {
                    if (SecretBox.IsSealed(key.Secret))
                    {
                        box.Reveal(key.AccessKeyId, key.Secret);
                    }
                    else if (await inner.UpdateAccessKeyAsync(Sealed(key), cancellationToken))
                    {
                        sealedNow++;
                    }
                }
            }

            if (users.Count < UserPage)
            {
                return sealedNow;
            }

            after = users[^1].Name;
        }
    }

    public async Task<AccessKeyWithUser?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        await inner.FindAccessKeyAsync(accessKeyId, cancellationToken) is { } found ? found with { Key = Revealed(found.Key) } : null;

    public async Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await inner.ListAccessKeysAsync(userId, cancellationToken)).Select(Revealed)];

    public Task<bool> CreateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        inner.CreateAccessKeyAsync(Sealed(key), cancellationToken);

    public Task<bool> UpdateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        inner.UpdateAccessKeyAsync(Sealed(key), cancellationToken);

    public Task<bool> EnsureRootAsync(string accessKeyId, string secret, CancellationToken cancellationToken) =>
        inner.EnsureRootAsync(accessKeyId, box.Seal(accessKeyId, secret), cancellationToken);

    public Task<User?> FindUserAsync(string userId, CancellationToken cancellationToken) => inner.FindUserAsync(userId, cancellationToken);

    public Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken) => inner.CreateUserAsync(user, cancellationToken);

    public Task<bool> UpdateUserAsync(User user, CancellationToken cancellationToken) => inner.UpdateUserAsync(user, cancellationToken);

    public Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken) => inner.FindUserByNameAsync(name, cancellationToken);

    public Task<IReadOnlyList<User>> ListUsersAsync(string? afterName, int maxUsers, CancellationToken cancellationToken) =>
        inner.ListUsersAsync(afterName, maxUsers, cancellationToken);

    public Task<DeleteUserOutcome> DeleteUserAsync(string userId, CancellationToken cancellationToken) => inner.DeleteUserAsync(userId, cancellationToken);

    public Task<bool> DeleteAccessKeyAsync(string userId, string accessKeyId, CancellationToken cancellationToken) =>
        inner.DeleteAccessKeyAsync(userId, accessKeyId, cancellationToken);

    public Task<bool> PutUserPolicyAsync(UserPolicy policy, CancellationToken cancellationToken) => inner.PutUserPolicyAsync(policy, cancellationToken);

    public Task<UserPolicy?> GetUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        inner.GetUserPolicyAsync(userId, policyName, cancellationToken);

    public Task<IReadOnlyList<UserPolicy>> ListUserPoliciesAsync(string userId, CancellationToken cancellationToken) =>
        inner.ListUserPoliciesAsync(userId, cancellationToken);

    public Task<bool> DeleteUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        inner.DeleteUserPolicyAsync(userId, policyName, cancellationToken);

    private AccessKey Sealed(AccessKey key) => key with { Secret = box.Seal(key.AccessKeyId, key.Secret) };

    private AccessKey Revealed(AccessKey key) => key with { Secret = box.Reveal(key.AccessKeyId, key.Secret) };
}
