using Cairn.Core.Names;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// One node's use of a data directory: an <see cref="ExclusiveFileLock"/> on <c>nodes/&lt;node id&gt;.lock</c>.
/// Several nodes (with different node ids) may share one data directory, each owning its own lock and temp
/// directory; two processes with the same node id may not, since they would take each other's temp files for a
/// crash's leftovers. Whether the metadata store admits several nodes is the store's own lock's business.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The directory of the node locks, in the data directory.</summary>
    public const string DirectoryName = "nodes";

    private readonly ExclusiveFileLock _lock;

    private DataDirectoryLock(ExclusiveFileLock held) => _lock = held;

    /// <summary>The lock file.</summary>
    public string Path => _lock.Path;

    /// <summary>
    /// Takes <paramref name="node"/>'s lock or throws <see cref="DataDirectoryInUseException"/> at once; the data
    /// directory must exist.
    /// </summary>
    public static DataDirectoryLock Acquire(string dataDirectory, NodeId node)
    {
        var directory = System.IO.Path.Combine(dataDirectory, DirectoryName);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, node + ".lock");
        return ExclusiveFileLock.TryAcquire(path, node, out var held, out var holder)
            ? new DataDirectoryLock(held)
            : throw new DataDirectoryInUseException(dataDirectory, holder);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();
}
