using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary>
/// What a SQLite contract test class owns: a fresh directory per test and every <see cref="SqliteMetadataStore"/>
/// opened in it (one database file per directory), all disposed with the test.
/// </summary>
internal sealed class SqliteStores : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteMetadataStore> _opened = [];

    public string Directory => _directory.Path;

    public SqliteMetadataStore Open(string dir) => Open(dir, TimeProvider.System);

    public SqliteMetadataStore Open(string dir, TimeProvider time)
    {
        var store = new SqliteMetadataStore(Path.Combine(dir, "metadata.db"), time);
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
