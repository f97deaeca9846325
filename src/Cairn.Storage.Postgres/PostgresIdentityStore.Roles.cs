using Cairn.Core.Identity.Roles;
using Cairn.Storage.Stored;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// Roles and their inline policies (docs/identity.md "Roles and temporary credentials"), on the <c>roles</c> and
/// <c>role_policies</c> tables of schema step 3, with the embedded store's behaviour. Taken ids and names are settled
/// by the unique indexes (<c>ON CONFLICT</c>), so nodes creating one name at once get one success. A policy is added
/// under a share lock on its role's row and DeleteRole takes that row for update before it looks, as for users'
/// policies: a policy put at the same moment either commits first, and the deletion sees it, or finds no role.
/// </summary>
public sealed partial class PostgresIdentityStore : IRoleStore
{
    /// <summary>Names are compared as the unique index compares them: <c>lower</c> under <c>COLLATE "C"</c> (ASCII case).</summary>
    private const string SameName = "lower(name) = lower($1::text COLLATE \"C\")";

    public Task<bool> CreateRoleAsync(Role role, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx => await ExecuteAsync(tx,
            $"INSERT INTO roles ({StoredRows.RoleColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING", cancellationToken,
            role.Id, role.Name, role.OwnerId, role.TrustPolicy, StoredRows.SessionSeconds(role), role.Description,
            role.CreatedAt.ToUnixTimeMilliseconds()) == 1, cancellationToken);

    public Task<Role?> FindRoleAsync(string roleId, CancellationToken cancellationToken) =>
        Nul.In(roleId) ? Task.FromResult<Role?>(null) : database.ReadAsync(async connection => (await QueryAsync(connection, null,
            $"SELECT {StoredRows.RoleColumns} FROM roles WHERE id = $1", StoredRows.Role, cancellationToken, roleId)).FirstOrDefault(),
            cancellationToken);

    public Task<Role?> FindRoleByNameAsync(string name, CancellationToken cancellationToken) =>
        Nul.In(name) ? Task.FromResult<Role?>(null) : database.ReadAsync(async connection => (await QueryAsync(connection, null,
            $"SELECT {StoredRows.RoleColumns} FROM roles WHERE {SameName}", StoredRows.Role, cancellationToken, name)).FirstOrDefault(),
            cancellationToken);

    /// <summary>Names are <c>COLLATE "C"</c>: name order is UTF-8 byte order.</summary>
    public Task<IReadOnlyList<Role>> ListRolesAsync(string? afterName, int maxRoles, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Role>>(async connection => await QueryAsync(connection, null,
            $"SELECT {StoredRows.RoleColumns} FROM roles WHERE $1::text IS NULL OR name > $1 ORDER BY name LIMIT $2",
            StoredRows.Role, cancellationToken, Nul.Cut(afterName), Math.Max(maxRoles, 0)), cancellationToken);

    public Task<bool> UpdateRoleAsync(Role role, CancellationToken cancellationToken) =>
        Nul.In(role.Id) ? Task.FromResult(false) : database.WriteAsync(async tx => await ExecuteAsync(tx,
            "UPDATE roles SET trust_policy = $2, max_session_seconds = $3, description = $4 WHERE id = $1", cancellationToken,
            role.Id, role.TrustPolicy, StoredRows.SessionSeconds(role), role.Description) == 1, cancellationToken);

    public Task<DeleteRoleOutcome> DeleteRoleAsync(string roleId, CancellationToken cancellationToken) =>
        Nul.In(roleId) ? Task.FromResult(DeleteRoleOutcome.NotFound) : database.WriteAsync(async tx =>
        {
            var exists = await ScalarAsync(tx, "SELECT 1 FROM roles WHERE id = $1 FOR UPDATE", cancellationToken, roleId) is not null;
            var hasPolicies = await ScalarAsync(tx, "SELECT 1 FROM role_policies WHERE role_id = $1 LIMIT 1", cancellationToken, roleId) is not null;
            var outcome = RoleDeletion.Decide(exists, hasPolicies);
            if (outcome == DeleteRoleOutcome.Deleted)
            {
                await ExecuteAsync(tx, "DELETE FROM roles WHERE id = $1", cancellationToken, roleId);
            }

            return outcome;
        }, cancellationToken);

    public Task<bool> PutRolePolicyAsync(RolePolicy policy, CancellationToken cancellationToken) =>
        Nul.In(policy.RoleId) ? Task.FromResult(false) : database.WriteAsync(async tx => await ExecuteAsync(tx,
            """
            INSERT INTO role_policies (role_id, name, document) SELECT id, $2, $3 FROM roles WHERE id = $1 FOR KEY SHARE
            ON CONFLICT (role_id, name) DO UPDATE SET document = excluded.document
            """, cancellationToken, policy.RoleId, policy.Name, policy.Document) == 1, cancellationToken);

    public Task<RolePolicy?> GetRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        Nul.In(roleId) || Nul.In(policyName) ? Task.FromResult<RolePolicy?>(null) : database.ReadAsync(async connection => (await QueryAsync(connection, null,
            $"SELECT {StoredRows.RolePolicyColumns} FROM role_policies WHERE role_id = $1 AND name = $2", StoredRows.RolePolicy, cancellationToken,
            roleId, policyName)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<RolePolicy>> ListRolePoliciesAsync(string roleId, CancellationToken cancellationToken) =>
        Nul.In(roleId) ? Task.FromResult<IReadOnlyList<RolePolicy>>([]) : database.ReadAsync<IReadOnlyList<RolePolicy>>(async connection =>
            await QueryAsync(connection, null, $"SELECT {StoredRows.RolePolicyColumns} FROM role_policies WHERE role_id = $1 ORDER BY name",
                StoredRows.RolePolicy, cancellationToken, roleId), cancellationToken);

    public Task<bool> DeleteRolePolicyAsync(string roleId, string policyName, CancellationToken cancellationToken) =>
        Nul.In(roleId) || Nul.In(policyName) ? Task.FromResult(false) : database.WriteAsync(async tx => await ExecuteAsync(tx,
            "DELETE FROM role_policies WHERE role_id = $1 AND name = $2", cancellationToken, roleId, policyName) == 1, cancellationToken);
}
