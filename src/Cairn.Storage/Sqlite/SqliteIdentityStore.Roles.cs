using Cairn.Core.Identity.Roles;
using Cairn.Storage.Stored;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// Roles and their inline policies (docs/identity.md "Roles and temporary credentials"), on the <c>roles</c> and
/// <c>role_policies</c> tables of schema step 6. Every write is one transaction of the single writer, so two creates of
/// one name, or a policy put racing the role's deletion, take turns and the second sees what the first did.
/// </summary>
public sealed partial class SqliteIdentityStore : IRoleStore
{
    /// <summary>A taken id or name (ignoring case, through the NOCASE unique index) inserts nothing.</summary>
    public Task<bool> CreateRoleAsync(Role role, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx,
            $"INSERT INTO roles ({StoredRows.RoleColumns}) VALUES ($id, $n, $o, $tp, $m, $d, $t) ON CONFLICT DO NOTHING",
            ("$id", role.Id), ("$n", role.Name), ("$o", role.OwnerId), ("$tp", role.TrustPolicy), ("$m", StoredRows.SessionSeconds(role)),
            ("$d", role.Description), ("$t", role.CreatedAt.ToUnixTimeMilliseconds())) == 1, cancellationToken);

    public async Task<Role?> FindRoleAsync(string roleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return (await QueryAsync(connection, null, $"SELECT {StoredRows.RoleColumns} FROM roles WHERE id = $id",
            StoredRows.Role, cancellationToken, ("$id", roleId))).FirstOrDefault();
    }

    /// <summary>Compared as the unique index compares (NOCASE), so the lookup is a seek in that index.</summary>
    public async Task<Role?> FindRoleByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return (await QueryAsync(connection, null, $"SELECT {StoredRows.RoleColumns} FROM roles WHERE name = $n COLLATE NOCASE",
            StoredRows.Role, cancellationToken, ("$n", name))).FirstOrDefault();
    }

    /// <summary>The name column is BINARY (only its index ignores case), so name order is UTF-8 byte order.</summary>
    public async Task<IReadOnlyList<Role>> ListRolesAsync(string? afterName, int maxRoles, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return await QueryAsync(connection, null,
            $"SELECT {StoredRows.RoleColumns} FROM roles WHERE $after IS NULL OR name > $after ORDER BY name LIMIT $n",
            StoredRows.Role, cancellationToken, ("$after", afterName), ("$n", Math.Max(maxRoles, 0)));
    }

    public Task<bool> UpdateRoleAsync(Role role, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx,
            "UPDATE roles SET trust_policy = $tp, max_session_seconds = $m, description = $d WHERE id = $id",
            ("$id", role.Id), ("$tp", role.TrustPolicy), ("$m", StoredRows.SessionSeconds(role)), ("$d", role.Description)) == 1,
            cancellationToken);

    public Task<DeleteRoleOutcome> DeleteRoleAsync(string roleId, CancellationToken cancellationToken) =>
        database.WriteAsync(tx =>
        {
            var outcome = Query(tx,
                "SELECT EXISTS (SELECT 1 FROM roles WHERE id = $r), EXISTS (SELECT 1 FROM role_policies WHERE role_id = $r)",
                reader => RoleDeletion.Decide(reader.GetBoolean(0), reader.GetBoolean(1)), ("$r", roleId)).Single();
            if (outcome == DeleteRoleOutcome.Deleted)
            {
                Execute(tx, "DELETE FROM roles WHERE id = $r", ("$r", roleId));
            }

            return outcome;
        }, cancellationToken);

    public Task<bool> PutRolePolicyAsync(RolePolicy policy, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx,
            """
            INSERT INTO role_policies (role_id, name, document) SELECT $r, $n, $d WHERE EXISTS (SELECT 1 FROM roles WHERE id = $r)
            ON CONFLICT (role_id, name) DO UPDATE SET document = excluded.document
            """,
            ("$r", policy.RoleId), ("$n", policy.Name), ("$d", policy.Document)) == 1, cancellationToken);

    public async Task<RolePolicy?> GetRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return (await QueryAsync(connection, null, $"SELECT {StoredRows.RolePolicyColumns} FROM role_policies WHERE role_id = $r AND name = $n",
            StoredRows.RolePolicy, cancellationToken, ("$r", roleId), ("$n", policyName))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<RolePolicy>> ListRolePoliciesAsync(string roleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        return await QueryAsync(connection, null, $"SELECT {StoredRows.RolePolicyColumns} FROM role_policies WHERE role_id = $r ORDER BY name",
            StoredRows.RolePolicy, cancellationToken, ("$r", roleId));
    }

    public Task<bool> DeleteRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => Execute(tx, "DELETE FROM role_policies WHERE role_id = $r AND name = $n",
            ("$r", roleId), ("$n", policyName)) == 1, cancellationToken);
}
