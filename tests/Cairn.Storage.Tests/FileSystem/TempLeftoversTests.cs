using Cairn.Core.Names;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.FileSystem;

public sealed class TempLeftoversTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();
    private readonly FileBlobStore _store;

    public TempLeftoversTests()
    {
        _store = new FileBlobStore(_directory.Path, NodeId.Parse("node-a"));
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_leftover_no_writer_holds_is_removed_however_recent()
    {
        var leftover = Path.Combine(_store.TempDirectory, "0123456789abcdef0123456789abcdef");
        await File.WriteAllTextAsync(leftover, "written just before a crash", None);

        var removed = TempLeftovers.Find(_store.TempDirectory).RemoveAbandoned(writtenBefore: DateTimeOffset.UtcNow);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task A_leftover_younger_than_the_grace_is_kept_for_a_writer_on_another_node()
    {
        var leftover = Path.Combine(_store.TempDirectory, "0123456789abcdef0123456789abcdef");
        await File.WriteAllTextAsync(leftover, "being written by another node", None);
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-10));

        var removed = TempLeftovers.Find(_store.TempDirectory).RemoveAbandoned(writtenBefore: DateTimeOffset.UtcNow - TimeSpan.FromHours(1));

        Assert.Equal(0, removed);
        Assert.True(File.Exists(leftover));
    }

    [Fact]
    public async Task A_temp_file_a_live_writer_holds_is_kept_and_still_commits()
    {
        await using var writer = _store.CreateWriter();
        await writer.WriteAsync(new byte[] { 1, 2, 3 }, None);
        var leftovers = TempLeftovers.Find(_store.TempDirectory);
        Assert.Equal(1, leftovers.Count);

        var removed = leftovers.RemoveAbandoned(DateTimeOffset.MaxValue);

        Assert.Equal(0, removed);
        await writer.WriteAsync(new byte[] { 4 }, None);
        await writer.CommitAsync(None);
        await using var read = _store.OpenRead(writer.BlobId);
        Assert.Equal(4, read.Length);
    }

    [Fact]
    public async Task Another_nodes_temp_files_are_never_touched_however_old()
    {
        var other = new FileBlobStore(_directory.Path, NodeId.Parse("node-b"));
        var theirs = Path.Combine(other.TempDirectory, "0123456789abcdef0123456789abcdef");
        await File.WriteAllTextAsync(theirs, "another node's upload", None);
        File.SetLastWriteTimeUtc(theirs, DateTime.UtcNow.AddHours(-2));

        var leftovers = TempLeftovers.Find(_store.TempDirectory);

        Assert.Equal(0, leftovers.Count);
        Assert.Equal(0, leftovers.RemoveAbandoned(DateTimeOffset.MaxValue));
        Assert.True(File.Exists(theirs));
    }

    [Fact]
    public async Task Files_created_after_the_listing_are_not_touched()
    {
        var leftovers = TempLeftovers.Find(_store.TempDirectory);
        var later = Path.Combine(_store.TempDirectory, "created-after-the-listing");
        await File.WriteAllTextAsync(later, "x", None);

        Assert.Equal(0, leftovers.RemoveAbandoned(DateTimeOffset.MaxValue));
        Assert.True(File.Exists(later));
    }
}
