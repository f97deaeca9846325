using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary><see cref="StatisticsContract{TStore}"/> against <see cref="SqliteMetadataStore"/>, one database file per test.</summary>
public sealed class SqliteStatisticsContractTests : StatisticsContract<SqliteMetadataStore>, IDisposable
{
    private readonly SqliteStores _stores = new();

    protected override string TestDirectory => _stores.Directory;

    protected override SqliteMetadataStore CreateStore(string dir) => _stores.Open(dir);

    public void Dispose() => _stores.Dispose();
}
