using Cairn.Core.Ports;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary><see cref="ObjectContract"/> against <see cref="Cairn.Storage.Sqlite.SqliteMetadataStore"/>, one database file per test.</summary>
public sealed class SqliteObjectContractTests : ObjectContract, IDisposable
{
    private readonly SqliteStores _stores = new();

    protected override string TestDirectory => _stores.Directory;

    protected override IMetadataStore CreateStore(string dir) => _stores.Open(dir);

    public void Dispose() => _stores.Dispose();
}
