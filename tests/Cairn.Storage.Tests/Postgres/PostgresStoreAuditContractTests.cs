using Cairn.Storage.Postgres;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Postgres;

/// <summary><see cref="StoreAuditContract{TStore}"/> against <see cref="Cairn.Storage.Postgres.PostgresMetadataStore"/>.</summary>
public sealed class PostgresStoreAuditContractTests : StoreAuditContract<PostgresMetadataStore>, IDisposable
{
    private readonly PostgresStores _stores = new();

    protected override string TestDirectory => _stores.Directory;

    protected override PostgresMetadataStore CreateStore(string dir) => _stores.Open(dir);

    public void Dispose() => _stores.Dispose();
}
