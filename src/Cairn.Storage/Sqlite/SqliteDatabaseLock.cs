using Cairn.Core.Names;
using Cairn.Storage.FileSystem;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// One node's use of a SQLite metadata database: an <see cref="ExclusiveFileLock"/> on <c>&lt;database&gt;.lock</c>
/// next to it. The database serves exactly one node: its group-commit writer assumes it is the only writer (a
/// second process's writes would wait on SQLite's busy timeout and fail), and a file database on a network file
/// system cannot be shared safely at all. Nodes that share a data directory keep their metadata in PostgreSQL
/// instead. The lock is taken by the server, not by the store, so tests may still open one database twice.
/// </summary>
public sealed class SqliteDatabaseLock : IDisposable
{
    private readonly ExclusiveFileLock _lock;

    private SqliteDatabaseLock(ExclusiveFileLock held) => _lock = held;

    /// <summary>The lock file.</summary>
    public string Path => _lock.Path;

    /// <summary>
    /// Takes the database's lock for <paramref name="node"/> or throws <see cref="SqliteDatabaseInUseException"/> at
    /// once; the database's directory must exist.
    /// </summary>
    public static SqliteDatabaseLock Acquire(string databasePath, NodeId node) =>
        ExclusiveFileLock.TryAcquire(databasePath + ".lock", node, out var held, out var holder)
            ? new SqliteDatabaseLock(held)
            : throw new SqliteDatabaseInUseException(databasePath, holder);

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();
}
