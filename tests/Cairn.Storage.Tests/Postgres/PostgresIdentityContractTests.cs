using Cairn.Core.Identity;
using Cairn.Storage.Postgres;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Postgres;

/// <summary><see cref="IdentityContract"/> against <see cref="PostgresIdentityStore"/> on the metadata database, one database per test.</summary>
public sealed class PostgresIdentityContractTests : IdentityContract, IDisposable
{
    private readonly PostgresStores _stores = new();
    private PostgresMetadataStore? _database;

    protected override IIdentityStore Open(TimeProvider time)
    {
        _database = _stores.Open(_stores.Directory, time);
        return new PostgresIdentityStore(_database, time);
    }

    protected override void Close() => _database?.Dispose();

    public void Dispose() => _stores.Dispose();
}
