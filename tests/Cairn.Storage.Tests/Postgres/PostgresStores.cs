using Cairn.Storage.Postgres;
using Cairn.Storage.Tests.Support;
using Cairn.Tests.Shared;

namespace Cairn.Storage.Tests.Postgres;

/// <summary>
/// What a PostgreSQL contract test class owns: a fresh directory per test, a database of its own for every directory
/// a store is opened in, copied from the <see cref="MigratedTemplate"/> (opening the same directory again opens the
/// same database: a restart, or a second node), and every <see cref="PostgresMetadataStore"/> opened, all disposed
/// and dropped with the test.
/// </summary>
internal sealed class PostgresStores : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, string> _databases = [];
    private readonly List<PostgresMetadataStore> _opened = [];

    public string Directory => _directory.Path;

    public PostgresMetadataStore Open(string dir) => Open(dir, TimeProvider.System);

    public PostgresMetadataStore Open(string dir, TimeProvider time)
    {
        var store = PostgresMetadataStore.OpenAsync(ConnectionString(dir), time, CancellationToken.None).GetAwaiter().GetResult();
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    /// <summary>The database kept for <paramref name="dir"/>, created on first use.</summary>
    public string ConnectionString(string dir)
    {
        lock (_databases)
        {
            if (!_databases.TryGetValue(dir, out var connectionString))
            {
                connectionString = MigratedTemplate.CreateDatabase();
                _databases[dir] = connectionString;
            }

            return connectionString;
        }
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        foreach (var connectionString in _databases.Values)
        {
            TestPostgres.DropDatabase(connectionString);
        }

        _directory.Dispose();
    }
}
