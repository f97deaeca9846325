using Cairn.Core.Ports;
using Cairn.Storage.Postgres;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Postgres;

/// <summary><see cref="LeaseStoreContract"/> against <see cref="PostgresMetadataStore"/>, one database per test.</summary>
public sealed class PostgresLeaseStoreContractTests : LeaseStoreContract, IDisposable
{
    private readonly PostgresStores _stores = new();
    private PostgresMetadataStore? _database;

    protected override ILeaseStore Open(TimeProvider time) => _database = _stores.Open(_stores.Directory, time);

    protected override void Close() => _database?.Dispose();

    public void Dispose() => _stores.Dispose();
}
