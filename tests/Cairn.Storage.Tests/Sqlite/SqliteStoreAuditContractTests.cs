using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary><see cref="StoreAuditContract{TStore}"/> against <see cref="Cairn.Storage.Sqlite.SqliteMetadataStore"/>.</summary>
public sealed class SqliteStoreAuditContractTests : StoreAuditContract<SqliteMetadataStore>, IDisposable
{
    private readonly SqliteStores _stores = new();

    protected override string TestDirectory => _stores.Directory;

    protected override SqliteMetadataStore CreateStore(string dir) => _stores.Open(dir);

    public void Dispose() => _stores.Dispose();
}
