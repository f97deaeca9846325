using Cairn.Core.Identity.Roles;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary><see cref="RoleStoreContract"/> against <see cref="SqliteIdentityStore"/> on the metadata database, one file per test.</summary>
public sealed class SqliteRoleStoreContractTests : RoleStoreContract, IDisposable
{
    private readonly SqliteStores _stores = new();
    private SqliteMetadataStore? _database;

    protected override IRoleStore Open(TimeProvider time)
    {
        _database = _stores.Open(_stores.Directory, time);
        return new SqliteIdentityStore(_database, time);
    }

    protected override void Close() => _database?.Dispose();

    public void Dispose() => _stores.Dispose();
}
