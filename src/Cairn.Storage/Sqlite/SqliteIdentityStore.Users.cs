using Cairn.Core.Identity;
using Cairn.Storage.Stored;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>Users by name, in name order, and their removal; removing one key; users' inline policies (schema step 5).</summary>
public sealed partial class SqliteIdentityStore
{
    public async Task<User?> FindUserByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return (await QueryAsync(connection, null, $"SELECT {StoredRows.UserColumns} FROM users WHERE name = $n",
            reader => StoredRows.User(reader, 0), cancellationToken, ("$n", name))).FirstOrDefault();
    }

    /// <summary>SQLite compares text by its bytes (the BINARY collation), so name order is UTF-8 byte order.</summary>
    public async Task<IReadOnlyList<User>> ListUsersAsync(string? afterName, int maxUsers, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return await QueryAsync(connection, null,
            $"SELECT {StoredRows.UserColumns} FROM users WHERE $after IS NULL OR name > $after ORDER BY name LIMIT $n",
            reader => StoredRows.User(reader, 0), cancellationToken, ("$after", afterName), ("$n", Math.Max(maxUsers, 0)));
    }

    public Task<DeleteUserOutcome> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        database.WriteAsync(tx =>
        {
            var outcome = Query(tx,
                """
                SELECT EXISTS (SELECT 1 FROM users WHERE id = $u), EXISTS (SELECT 1 FROM buckets WHERE owner = $u),
                       EXISTS (SELECT 1 FROM access_keys WHERE user_id = $u), EXISTS (SELECT 1 FROM user_policies WHERE user_id = $u)
                """,
                reader => UserDeletion.Decide(reader.GetBoolean(0), userId, reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)),
                ("$u", userId)).Single();
            if (outcome == DeleteUserOutcome.Deleted)
            {
                Execute(tx, "DELETE FROM users WHERE id = $u", ("$u", userId));
            }

            return outcome;
        }, cancellationToken);

    public Task<bool> DeleteAccessKeyAsync(string userId, string accessKeyId, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx, "DELETE FROM access_keys WHERE access_key_id = $k AND user_id = $u",
            ("$k", accessKeyId), ("$u", userId)) == 1, cancellationToken);

    public Task<bool> PutUserPolicyAsync(UserPolicy policy, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx,
            """
            INSERT INTO user_policies (user_id, name, document) SELECT $u, $n, $d WHERE EXISTS (SELECT 1 FROM users WHERE id = $u)
            ON CONFLICT (user_id, name) DO UPDATE SET document = excluded.document
            """,
            ("$u", policy.UserId), ("$n", policy.Name), ("$d", policy.Document)) == 1, cancellationToken);

    public async Task<UserPolicy?> GetUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return (await QueryAsync(connection, null, $"SELECT {StoredRows.UserPolicyColumns} FROM user_policies WHERE user_id = $u AND name = $n",
            StoredRows.UserPolicy, cancellationToken, ("$u", userId), ("$n", policyName))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<UserPolicy>> ListUserPoliciesAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return await QueryAsync(connection, null, $"SELECT {StoredRows.UserPolicyColumns} FROM user_policies WHERE user_id = $u ORDER BY name",
            StoredRows.UserPolicy, cancellationToken, ("$u", userId));
    }

    public Task<bool> DeleteUserPolicyAsync(string userId, string policyName, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx, "DELETE FROM user_policies WHERE user_id = $u AND name = $n",
            ("$u", userId), ("$n", policyName)) == 1, cancellationToken);
}
