using Cairn.Core.Ports;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary>The metadata contract against <see cref="SqliteMetadataStore"/>, one database file per test.</summary>
public sealed class SqliteMetadataStoreTests : MetadataStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteMetadataStore> _opened = [];

    protected override string TestDirectory => _directory.Path;

    protected override IMetadataStore CreateStore(string dir)
    {
        var store = new SqliteMetadataStore(Path.Combine(dir, "metadata.db"), TimeProvider.System);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        _directory.Dispose();
    }
}
