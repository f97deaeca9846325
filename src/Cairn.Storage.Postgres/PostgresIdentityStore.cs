using Cairn.Core.Identity;
using Cairn.Storage.Stored;
using Npgsql;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// <see cref="IIdentityStore"/> on the <c>users</c> and <c>access_keys</c> tables of the shared metadata database,
/// with the behaviour of the embedded store's identities (secrets kept as issued, since request signatures are HMACs
/// keyed by them: whoever can read the database can sign as any user). Conflicts are settled by the unique indexes
/// (<c>ON CONFLICT</c>), so two nodes creating or renaming at once get one success and one false, never an error.
/// </summary>
public sealed partial class PostgresIdentityStore(PostgresMetadataStore database, TimeProvider time) : IIdentityStore
{
    public Task<AccessKeyWithUser?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken) =>
        Nul.In(accessKeyId) ? Task.FromResult<AccessKeyWithUser?>(null) : database.ReadAsync(async connection => (await QueryAsync(connection, null,
            "SELECT k.access_key_id, k.secret, k.user_id, k.status, k.expires_at, k.created_at, u.id, u.name, u.status, u.created_at "
            + "FROM access_keys k JOIN users u ON u.id = k.user_id WHERE k.access_key_id = $1",
            reader => new AccessKeyWithUser(StoredRows.AccessKey(reader, 0), StoredRows.User(reader, 6)), cancellationToken, accessKeyId)).FirstOrDefault(),
            cancellationToken);

    public Task<User?> FindUserAsync(string userId, CancellationToken cancellationToken) =>
        Nul.In(userId) ? Task.FromResult<User?>(null) : database.ReadAsync(async connection => (await QueryAsync(connection, null,
            $"SELECT {StoredRows.UserColumns} FROM users WHERE id = $1", reader => StoredRows.User(reader, 0), cancellationToken, userId)).FirstOrDefault(),
            cancellationToken);

    public Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string userId, CancellationToken cancellationToken) =>
        Nul.In(userId) ? Task.FromResult<IReadOnlyList<AccessKey>>([]) : database.ReadAsync<IReadOnlyList<AccessKey>>(async connection => await QueryAsync(connection, null,
            $"SELECT {StoredRows.AccessKeyColumns} FROM access_keys WHERE user_id = $1 ORDER BY access_key_id", reader => StoredRows.AccessKey(reader, 0), cancellationToken, userId),
            cancellationToken);

    public Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx => await ExecuteAsync(tx,
            $"INSERT INTO users ({StoredRows.UserColumns}) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", cancellationToken,
            user.Id, user.Name, StoredIdentityStatus.Of(user.Status), user.CreatedAt.ToUnixTimeMilliseconds()) == 1, cancellationToken);

    /// <summary>
    /// A rename to a taken name violates the unique index on names, whether the other user existed before or is being
    /// renamed at the same moment on another node; that violation is the answer false.
    /// </summary>
    public async Task<bool> UpdateUserAsync(User user, CancellationToken cancellationToken)
    {
        try
        {
            return await database.WriteAsync(async tx => await ExecuteAsync(tx,
                "UPDATE users SET name = $2, status = $3 WHERE id = $1", cancellationToken,
                user.Id, user.Name, StoredIdentityStatus.Of(user.Status)) == 1, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    public Task<bool> CreateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx => await ExecuteAsync(tx,
            $"""
            INSERT INTO access_keys ({StoredRows.AccessKeyColumns})
            SELECT $1, $2, id, $4, $5::bigint, $6 FROM users WHERE id = $3 FOR KEY SHARE
            ON CONFLICT DO NOTHING
            """, cancellationToken,
            key.AccessKeyId, key.Secret, key.UserId, StoredIdentityStatus.Of(key.Status), key.ExpiresAt?.ToUnixTimeMilliseconds(),
            key.CreatedAt.ToUnixTimeMilliseconds()) == 1, cancellationToken);

    public Task<bool> UpdateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx => await ExecuteAsync(tx,
            "UPDATE access_keys SET secret = $3, status = $4, expires_at = $5 WHERE access_key_id = $1 AND user_id = $2", cancellationToken,
            key.AccessKeyId, key.UserId, key.Secret, StoredIdentityStatus.Of(key.Status), key.ExpiresAt?.ToUnixTimeMilliseconds()) == 1,
            cancellationToken);

    /// <summary>
    /// Nodes starting together all ensure the root key. The root user's row, locked first, makes them take turns, and
    /// each turn sees what the previous one committed (READ COMMITTED). The key is claimed by one upsert that changes
    /// nothing when the id belongs to another user, even one whose key is being created at this very moment.
    /// </summary>
    public Task<bool> EnsureRootAsync(string accessKeyId, string secret, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx =>
        {
            await ExecuteAsync(tx, "SELECT 1 FROM users WHERE id = $1 FOR UPDATE", cancellationToken, User.RootId);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var active = StoredIdentityStatus.Of(IdentityStatus.Active);
            var claimed = await ExecuteAsync(tx,
                $"""
                INSERT INTO access_keys ({StoredRows.AccessKeyColumns}) VALUES ($1, $2, $3, $4, NULL, $5)
                ON CONFLICT (access_key_id) DO UPDATE SET secret = excluded.secret, status = excluded.status, expires_at = NULL
                WHERE access_keys.user_id = excluded.user_id
                """, cancellationToken, accessKeyId, secret, User.RootId, active, now);
            if (claimed == 0)
            {
                return false;
            }

            await ExecuteAsync(tx,
                $"INSERT INTO users ({StoredRows.UserColumns}) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET status = excluded.status",
                cancellationToken, User.RootId, User.RootName, active, now);
            await ExecuteAsync(tx, "UPDATE access_keys SET status = $1 WHERE user_id = $2 AND access_key_id <> $3",
                cancellationToken, StoredIdentityStatus.Of(IdentityStatus.Inactive), User.RootId, accessKeyId);
            return true;
        }, cancellationToken);
}
