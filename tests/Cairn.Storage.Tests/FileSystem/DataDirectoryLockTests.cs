using Cairn.Storage.FileSystem;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.FileSystem;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_second_lock_on_a_held_directory_is_refused_at_once_naming_the_holder()
    {
        using var held = DataDirectoryLock.Acquire(_directory.Path);

        var refused = Assert.Throws<DataDirectoryInUseException>(() => DataDirectoryLock.Acquire(_directory.Path));

        Assert.Equal(_directory.Path, refused.DataDirectory);
        Assert.Equal($"pid {Environment.ProcessId} on {Environment.MachineName}", refused.Holder);
    }

    [Fact]
    public void A_released_lock_can_be_taken_again_and_the_lock_file_stays()
    {
        DataDirectoryLock.Acquire(_directory.Path).Dispose();

        using var again = DataDirectoryLock.Acquire(_directory.Path);

        Assert.True(File.Exists(again.Path));
    }

    [Fact]
    public void The_lock_file_is_readable_and_writable_by_its_owner_only()
    {
        using var held = DataDirectoryLock.Acquire(_directory.Path);

        Assert.Equal(Path.Combine(_directory.Path, "cairn.lock"), held.Path);
        Assert.Equal("0600", UnixModes.Of(held.Path));
    }
}
