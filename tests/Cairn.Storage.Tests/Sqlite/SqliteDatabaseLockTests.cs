using Cairn.Core.Names;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.Sqlite;

public sealed class SqliteDatabaseLockTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "cairn.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_second_node_on_a_held_database_is_refused_at_once_naming_the_holder()
    {
        using var held = SqliteDatabaseLock.Acquire(DatabasePath, NodeId.Parse("node-a"));

        var refused = Assert.Throws<SqliteDatabaseInUseException>(() => SqliteDatabaseLock.Acquire(DatabasePath, NodeId.Parse("node-b")));

        Assert.Equal(DatabasePath, refused.DatabasePath);
        Assert.Equal($"pid {Environment.ProcessId} on {Environment.MachineName}, node node-a", refused.Holder);
    }

    [Fact]
    public void The_lock_is_a_0600_file_next_to_the_database_and_can_be_taken_again_once_released()
    {
        SqliteDatabaseLock.Acquire(DatabasePath, NodeId.Parse("node-a")).Dispose();

        using var again = SqliteDatabaseLock.Acquire(DatabasePath, NodeId.Parse("node-b"));

        Assert.Equal(DatabasePath + ".lock", again.Path);
        Assert.Equal("0600", UnixModes.Of(again.Path));
    }
}
