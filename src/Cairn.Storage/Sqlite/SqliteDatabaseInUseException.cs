namespace Cairn.Storage.Sqlite;

/// <summary>Another node holds the lock of the SQLite metadata database, which serves one node only.</summary>
public sealed class SqliteDatabaseInUseException(string databasePath, string? holder)
    : IOException($"Metadata database {databasePath} is locked by {holder ?? "another process"}.")
{
    public string DatabasePath { get; } = databasePath;

    /// <summary>What the holder wrote about itself, e.g. "pid 1234 on host1, node node1"; null when it could not be read.</summary>
    public string? Holder { get; } = holder;
}
