using Cairn.Core.Names;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.FileSystem;

public sealed class DataDirectoryLockTests : IDisposable
{
    private static readonly NodeId NodeA = NodeId.Parse("node-a");
    private static readonly NodeId NodeB = NodeId.Parse("node-b");
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_second_lock_for_the_same_node_on_a_held_directory_is_refused_at_once_naming_the_holder()
    {
        using var held = DataDirectoryLock.Acquire(_directory.Path, NodeA);

        var refused = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_directory.Path, NodeA));

        Assert.Equal(_directory.Path, refused.DataDirectory);
        Assert.Equal($"pid {Environment.ProcessId} on {Environment.MachineName}, node node-a", refused.Holder);
    }

    [Fact]
    public void Nodes_with_different_ids_each_hold_their_own_lock_on_one_directory()
    {
        using var a = DataDirectoryLock.Acquire(_directory.Path, NodeA);

        using var b = DataDirectoryLock.Acquire(_directory.Path, NodeB);

        Assert.NotEqual(a.Path, b.Path);
        Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_directory.Path, NodeB));
    }

    [Fact]
    public void A_released_lock_can_be_taken_again_and_the_lock_file_stays()
    {
        DataDirectoryLock.Acquire(_directory.Path, NodeA).Dispose();

        using var again = DataDirectoryLock.Acquire(_directory.Path, NodeA);

        Assert.True(File.Exists(again.Path));
    }

    [Fact]
    public void The_lock_file_is_the_nodes_own_and_readable_and_writable_by_its_owner_only()
    {
        using var held = DataDirectoryLock.Acquire(_directory.Path, NodeA);

        Assert.Equal(Path.Combine(_directory.Path, "nodes", "node-a.lock"), held.Path);
        Assert.Equal("0600", UnixModes.Of(held.Path));
    }
}
