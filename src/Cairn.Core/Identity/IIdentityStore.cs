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
    /// Makes the configured root key the root user's one working configured key, in one transaction: the root user
    /// exists and is active, the key exists, is active, never expires, has this secret and is recorded as coming
    /// from the configuration, and every other root key that came from the configuration is deactivated (the
    /// configuration is the source of truth for them). Keys the root user made for itself through the API are left
    /// as they are. Returns false, changing nothing, when the key id already belongs to another user.
    /// </summary>
    Task<bool> EnsureRootAsync(string accessKeyId, string secret, CancellationToken cancellationToken);

    /// <summary>The user with this name; null when none.</summary>
    Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Users in name order (UTF-8 byte order) after <paramref name="afterName"/> (exclusive), at most <paramref name="maxUsers"/>.</summary>
    Task<IReadOnlyList<User>> ListUsersAsync(string? afterName, int maxUsers, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a user that owns no bucket and has no access keys or policies left, in one transaction; otherwise
    /// says what is in the way and changes nothing. The root user is never removed (<see cref="DeleteUserOutcome.HasAccessKeys"/>
    /// or a refusal by the caller).
    /// </summary>
    Task<DeleteUserOutcome> DeleteUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Removes one key of a user; false when that user has no such key.</summary>
    Task<bool> DeleteAccessKeyAsync(string userId, string accessKeyId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a user's inline policy by name; false when the user does not exist.</summary>
    Task<bool> PutUserPolicyAsync(UserPolicy policy, CancellationToken cancellationToken);

    /// <summary>One inline policy of a user; null when there is none by that name.</summary>
    Task<UserPolicy?> GetUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken);

    /// <summary>All inline policies of a user, by name; empty for an unknown user.</summary>
    Task<IReadOnlyList<UserPolicy>> ListUserPoliciesAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Removes one inline policy; false when there was none by that name.</summary>
    Task<bool> DeleteUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken);
}
