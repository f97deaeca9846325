using Cairn.Core.Ports;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary><see cref="LeaseStoreContract"/> against <see cref="SqliteMetadataStore"/>, one database file per test.</summary>
public sealed class SqliteLeaseStoreContractTests : LeaseStoreContract, IDisposable
{
    private readonly SqliteStores _stores = new();
    private SqliteMetadataStore? _database;

    protected override ILeaseStore Open(TimeProvider time) => _database = _stores.Open(_stores.Directory, time);

    protected override void Close() => _database?.Dispose();

    public void Dispose() => _stores.Dispose();
}
