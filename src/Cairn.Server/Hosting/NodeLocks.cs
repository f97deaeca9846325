using Cairn.Core.Names;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Sqlite;

namespace Cairn.Server.Hosting;

/// <summary>
/// What a node locks before it reads or writes the data directory: its own node lock (one process per node id),
/// and, when the metadata is the embedded SQLite database, that database's lock (one node per database). Either
/// one held elsewhere stops the start at once, with one line naming the holder.
/// </summary>
internal sealed class NodeLocks : IDisposable
{
    private readonly DataDirectoryLock _node;
    private readonly SqliteDatabaseLock? _database;

    private NodeLocks(DataDirectoryLock node, SqliteDatabaseLock? database)
    {
        _node = node;
        _database = database;
    }

    public static NodeLocks Acquire(CairnOptions options, NodeId node)
    {
        var nodeLock = LockNode(options.DataDirectory, node);
        try
        {
            var database = !options.Metadata.IsPostgres
                ? LockDatabase(Path.Combine(options.DataDirectory, CairnHost.DatabaseFileName), node)
                : null;
            return new NodeLocks(nodeLock, database);
        }
        catch
        {
            nodeLock.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _database?.Dispose();
        _node.Dispose();
    }

    private static DataDirectoryLock LockNode(string dataDirectory, NodeId node)
    {
        try
        {
            return DataDirectoryLock.Acquire(dataDirectory, node);
        }
        catch (DataDirectoryInUseException e)
        {
            throw new ServerStartException(
                ServerExitCodes.DataDirectoryInUse,
                $"data directory {dataDirectory} is in use by another Cairn process ({e.Holder ?? "holder unknown"}); stop it or choose another --data",
                e);
        }
    }

    private static SqliteDatabaseLock LockDatabase(string databasePath, NodeId node)
    {
        try
        {
            return SqliteDatabaseLock.Acquire(databasePath, node);
        }
        catch (SqliteDatabaseInUseException e)
        {
            throw new ServerStartException(
                ServerExitCodes.DataDirectoryInUse,
                $"metadata database {databasePath} is in use by another Cairn node ({e.Holder ?? "holder unknown"}); " +
                "SQLite metadata serves one node: several nodes on one data directory need PostgreSQL metadata (--metadata)",
                e);
        }
    }
}
