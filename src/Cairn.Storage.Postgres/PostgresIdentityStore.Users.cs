using Cairn.Core.Identity;
using Cairn.Storage.Stored;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// Users by name, in name order, and their removal; removing one key; users' inline policies (schema step 2). What
/// hangs on a user (a key, a policy) is added under a share lock on the user's row, and DeleteUser takes that row
/// for update before it looks: so a key or policy added at the same moment either commits first, and the deletion
/// sees it, or waits and then finds no user.
/// </summary>
public sealed partial class PostgresIdentityStore
{
    public Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken) =>
        Nul.In(name) ? Task.FromResult<User?>(null) : database.ReadAsync(async connection => (await QueryAsync(connection, null,
            $"SELECT {StoredRows.UserColumns} FROM users WHERE name = $1", reader => StoredRows.User(reader, 0), cancellationToken, name)).FirstOrDefault(),
            cancellationToken);

    /// <summary>Names are <c>COLLATE "C"</c>: name order is UTF-8 byte order.</summary>
    public Task<IReadOnlyList<User>> ListUsersAsync(string? afterName, int maxUsers, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<User>>(async connection => await QueryAsync(connection, null,
            $"SELECT {StoredRows.UserColumns} FROM users WHERE $1::text IS NULL OR name > $1 ORDER BY name LIMIT $2",
            reader => StoredRows.User(reader, 0), cancellationToken, Nul.Cut(afterName), Math.Max(maxUsers, 0)), cancellationToken);

    public Task<DeleteUserOutcome> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        Nul.In(userId) ? Task.FromResult(DeleteUserOutcome.NotFound) : database.WriteAsync(async tx =>
        {
            var exists = await ScalarAsync(tx, "SELECT 1 FROM users WHERE id = $1 FOR UPDATE", cancellationToken, userId) is not null;
            var outcome = (await QueryAsync(tx,
                """
                SELECT EXISTS (SELECT 1 FROM buckets WHERE owner = $1), EXISTS (SELECT 1 FROM access_keys WHERE user_id = $1),
                       EXISTS (SELECT 1 FROM user_policies WHERE user_id = $1)
                """,
                reader => UserDeletion.Decide(exists, userId, reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2)),
                cancellationToken, userId)).Single();
            if (outcome == DeleteUserOutcome.Deleted)
            {
                await ExecuteAsync(tx, "DELETE FROM users WHERE id = $1", cancellationToken, userId);
            }

            return outcome;
        }, cancellationToken);

    public Task<bool> DeleteAccessKeyAsync(string userId, string accessKeyId, CancellationToken cancellationToken) =>
        Nul.In(userId) || Nul.In(accessKeyId) ? Task.FromResult(false) : database.WriteAsync(async tx => await ExecuteAsync(tx,
            "DELETE FROM access_keys WHERE access_key_id = $1 AND user_id = $2", cancellationToken, accessKeyId, userId) == 1, cancellationToken);

    public Task<bool> PutUserPolicyAsync(UserPolicy policy, CancellationToken cancellationToken) =>
        Nul.In(policy.UserId) ? Task.FromResult(false) : database.WriteAsync(async tx => await ExecuteAsync(tx,
            """
            INSERT INTO user_policies (user_id, name, document) SELECT id, $2, $3 FROM users WHERE id = $1 FOR KEY SHARE
            ON CONFLICT (user_id, name) DO UPDATE SET document = excluded.document
            """, cancellationToken, policy.UserId, policy.Name, policy.Document) == 1, cancellationToken);

    public Task<UserPolicy?> GetUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        Nul.In(userId) || Nul.In(policyName) ? Task.FromResult<UserPolicy?>(null) : database.ReadAsync(async connection => (await QueryAsync(connection, null,
            $"SELECT {StoredRows.UserPolicyColumns} FROM user_policies WHERE user_id = $1 AND name = $2", StoredRows.UserPolicy, cancellationToken,
            userId, policyName)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<UserPolicy>> ListUserPoliciesAsync(string userId, CancellationToken cancellationToken) =>
        Nul.In(userId) ? Task.FromResult<IReadOnlyList<UserPolicy>>([]) : database.ReadAsync<IReadOnlyList<UserPolicy>>(async connection =>
            await QueryAsync(connection, null, $"SELECT {StoredRows.UserPolicyColumns} FROM user_policies WHERE user_id = $1 ORDER BY name",
                StoredRows.UserPolicy, cancellationToken, userId), cancellationToken);

    public Task<bool> DeleteUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        Nul.In(userId) || Nul.In(policyName) ? Task.FromResult(false) : database.WriteAsync(async tx => await ExecuteAsync(tx,
            "DELETE FROM user_policies WHERE user_id = $1 AND name = $2", cancellationToken, userId, policyName) == 1, cancellationToken);
}
