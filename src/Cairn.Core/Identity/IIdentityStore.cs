namespace Cairn.Core.Identity;

/// <summary>
/// The identity port: users and their access keys. Writes are atomic one by one; expected outcomes (a taken id,
/// a missing user) are return values, not exceptions.
/// </summary>
public interface IIdentityStore
{
    /// <summary>The key with its user, whatever their status; null when no such key exists.</summary>
    Task<AccessKeyWithUser?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken);

    Task<User?> FindUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Adds a user; false when its id or name is taken.</summary>
    Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken);

    /// <summary>Changes a user's name and status; false when there is no such user or the new name is taken.</summary>
    Task<bool> UpdateUserAsync(User user, CancellationToken cancellationToken);

    /// <summary>Adds a key; false when its id is taken or its user does not exist.</summary>
    Task<bool> CreateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Changes a key's secret, status and expiry (its user never changes); false when there is no such key for
    /// that user.
    /// </summary>
    Task<bool> UpdateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken);

    /// <summary>The user's keys, by id; empty for an unknown user.</summary>
    Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the configured root key the root user's one working key, in one transaction: the root user exists
    /// and is active, the key exists, is active, never expires and has this secret, and every other key of the
    /// root user is deactivated (the configuration is the source of truth for root keys). Returns false, changing
    /// nothing, when the key id already belongs to another user.
    /// </summary>
    Task<bool> EnsureRootAsync(string accessKeyId, string secret, CancellationToken cancellationToken);
}
