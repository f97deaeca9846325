using Cairn.Core.Identity;
using Cairn.Storage.Stored;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// <see cref="IIdentityStore"/> on the metadata database's <c>users</c> and <c>access_keys</c> tables (schema step
/// 3), writing through the same group-commit writer as every other metadata write. Secrets are stored as issued,
/// in plain text: request signatures are HMACs keyed by the secret (SigV4 derives its signing key from it), so the
/// server must hold the secret itself. The database lives in the owner-only data directory and is created with
/// mode 0600; whoever can read it can sign as any user.
/// </summary>
public sealed partial class SqliteIdentityStore(SqliteMetadataStore database, TimeProvider time) : IIdentityStore
{
    public async Task<AccessKeyWithUser?> FindAccessKeyAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT k.access_key_id, k.secret, k.user_id, k.status, k.expires_at, k.created_at, u.id, u.name, u.status, u.created_at "
            + "FROM access_keys k JOIN users u ON u.id = k.user_id WHERE k.access_key_id = $k",
            ("$k", accessKeyId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AccessKeyWithUser(StoredRows.AccessKey(reader, 0), StoredRows.User(reader, 6))
            : null;
    }

    public async Task<User?> FindUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {StoredRows.UserColumns} FROM users WHERE id = $id", ("$id", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? StoredRows.User(reader, 0) : null;
    }

    public async Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {StoredRows.AccessKeyColumns} FROM access_keys WHERE user_id = $u ORDER BY access_key_id", ("$u", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<AccessKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(StoredRows.AccessKey(reader, 0));
        }

        return keys;
    }

    public Task<bool> CreateUserAsync(User user, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx,
            $"INSERT INTO users ({StoredRows.UserColumns}) VALUES ($id, $n, $s, $t) ON CONFLICT DO NOTHING",
            ("$id", user.Id), ("$n", user.Name), ("$s", StoredIdentityStatus.Of(user.Status)),
            ("$t", user.CreatedAt.ToUnixTimeMilliseconds())) == 1, cancellationToken);

    public Task<bool> UpdateUserAsync(User user, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx,
            "UPDATE OR IGNORE users SET name = $n, status = $s WHERE id = $id",
            ("$id", user.Id), ("$n", user.Name), ("$s", StoredIdentityStatus.Of(user.Status))) == 1, cancellationToken);

    public Task<bool> CreateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        database.WriteAsync(tx =>
            Scalar(tx, "SELECT 1 FROM users WHERE id = $u", ("$u", key.UserId)) is not null
            && Execute(tx,
                $"INSERT INTO access_keys ({StoredRows.AccessKeyColumns}) VALUES ($k, $sec, $u, $s, $e, $t) ON CONFLICT DO NOTHING",
                ("$k", key.AccessKeyId), ("$sec", key.Secret), ("$u", key.UserId), ("$s", StoredIdentityStatus.Of(key.Status)),
                ("$e", key.ExpiresAt?.ToUnixTimeMilliseconds()), ("$t", key.CreatedAt.ToUnixTimeMilliseconds())) == 1,
            cancellationToken);

    public Task<bool> UpdateAccessKeyAsync(AccessKey key, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx,
            "UPDATE access_keys SET secret = $sec, status = $s, expires_at = $e WHERE access_key_id = $k AND user_id = $u",
            ("$k", key.AccessKeyId), ("$u", key.UserId), ("$sec", key.Secret), ("$s", StoredIdentityStatus.Of(key.Status)),
            ("$e", key.ExpiresAt?.ToUnixTimeMilliseconds())) == 1, cancellationToken);

    public Task<bool> EnsureRootAsync(string accessKeyId, string secret, CancellationToken cancellationToken) =>
        database.WriteAsync(tx =>
        {
            var holder = Scalar(tx, "SELECT user_id FROM access_keys WHERE access_key_id = $k", ("$k", accessKeyId)) as string;
            if (holder is not null && holder != User.RootId)
            {
                return false;
            }

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var active = StoredIdentityStatus.Of(IdentityStatus.Active);
            Execute(tx,
                $"INSERT INTO users ({StoredRows.UserColumns}) VALUES ($id, $n, $s, $t) ON CONFLICT (id) DO UPDATE SET status = excluded.status",
                ("$id", User.RootId), ("$n", User.RootName), ("$s", active), ("$t", now));
            Execute(tx,
                $"INSERT INTO access_keys ({StoredRows.AccessKeyColumns}) VALUES ($k, $sec, $u, $s, NULL, $t) "
                + "ON CONFLICT (access_key_id) DO UPDATE SET secret = excluded.secret, status = excluded.status, expires_at = NULL",
                ("$k", accessKeyId), ("$sec", secret), ("$u", User.RootId), ("$s", active), ("$t", now));
            Execute(tx, "UPDATE access_keys SET status = $s WHERE user_id = $u AND access_key_id <> $k",
                ("$s", StoredIdentityStatus.Of(IdentityStatus.Inactive)), ("$u", User.RootId), ("$k", accessKeyId));
            return true;
        }, cancellationToken);
}
