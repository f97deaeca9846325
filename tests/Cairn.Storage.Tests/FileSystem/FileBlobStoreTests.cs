using Cairn.Core.Names;
using Cairn.Core.Ports;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.FileSystem;

public sealed class FileBlobStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();
    private readonly FileBlobStore _store;

    public FileBlobStoreTests()
    {
        _store = new FileBlobStore(_directory.Path, NodeId.Parse("node-a"));
    }

    private string BlobRoot => Path.Combine(_directory.Path, "blobs");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_committed_blob_reads_back_exactly_the_bytes_written()
    {
        var data = RandomBytes(3 * 1024 * 1024 + 17);

        var blobId = await WriteBlob(data, chunk: 64 * 1024 + 3);

        Assert.Equal(data, await ReadAll(blobId));
    }

    [Fact]
    public async Task An_empty_blob_can_be_committed_and_read()
    {
        var blobId = await WriteBlob([], chunk: 1);

        Assert.Empty(await ReadAll(blobId));
    }

    [Fact]
    public async Task Disposing_a_committed_writer_keeps_the_blob()
    {
        string blobId;
        await using (var writer = _store.CreateWriter())
        {
            blobId = writer.BlobId;
            await writer.WriteAsync(new byte[] { 1, 2, 3 }, None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, await ReadAll(blobId));
        Assert.Empty(Directory.EnumerateFiles(_store.TempDirectory));
    }

    [Fact]
    public async Task Writers_get_distinct_ids_of_32_lowercase_hex_digits()
    {
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            await using var writer = _store.CreateWriter();
            ids.Add(writer.BlobId);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    [Fact]
    public async Task A_blob_cannot_be_read_before_it_is_committed()
    {
        await using var writer = _store.CreateWriter();
        await writer.WriteAsync(new byte[] { 1, 2, 3 }, None);

        Assert.ThrowsAny<IOException>(() => _store.OpenRead(writer.BlobId).Dispose());
        Assert.DoesNotContain(writer.BlobId, _store.EnumerateBlobs().Select(b => b.BlobId));
    }

    [Fact]
    public async Task Disposing_a_writer_without_commit_leaves_no_file_in_tmp_or_blobs()
    {
        string blobId;
        await using (var writer = _store.CreateWriter())
        {
            blobId = writer.BlobId;
            await writer.WriteAsync(RandomBytes(100_000), None);
            Assert.Single(Directory.EnumerateFiles(_store.TempDirectory)); // it was really written somewhere
        }

        Assert.Empty(Directory.EnumerateFiles(_store.TempDirectory, "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(BlobRoot, "*", SearchOption.AllDirectories));
        Assert.ThrowsAny<IOException>(() => _store.OpenRead(blobId).Dispose());
    }

    [Fact]
    public async Task Deleting_a_blob_makes_it_unreadable_and_deleting_it_again_is_fine()
    {
        var blobId = await WriteBlob([1, 2, 3], chunk: 3);

        _store.Delete(blobId);
        _store.Delete(blobId);

        Assert.Throws<FileNotFoundException>(() => _store.OpenRead(blobId).Dispose());
        Assert.Empty(_store.EnumerateBlobs());
    }

    [Fact]
    public void Deleting_a_blob_that_never_existed_is_not_an_error()
    {
        _store.Delete(Guid.NewGuid().ToString("N"));
        _store.Delete("00000000000000000000000000000000");
    }

    [Fact]
    public void Opening_a_blob_that_never_existed_throws_FileNotFoundException()
    {
        // IBlobStore.OpenRead promises FileNotFoundException when the blob is gone.
        Assert.Throws<FileNotFoundException>(() => _store.OpenRead(Guid.NewGuid().ToString("N")).Dispose());
    }

    [Fact]
    public async Task An_open_reader_keeps_reading_the_whole_blob_after_it_is_deleted()
    {
        var data = RandomBytes(1024 * 1024);
        var blobId = await WriteBlob(data, chunk: 4096);
        await using var reader = _store.OpenRead(blobId);
        var head = new byte[1000];
        await reader.ReadExactlyAsync(head, None);

        _store.Delete(blobId);

        using var rest = new MemoryStream();
        await reader.CopyToAsync(rest, None);
        Assert.Equal(data, head.Concat(rest.ToArray()));
        Assert.Throws<FileNotFoundException>(() => _store.OpenRead(blobId).Dispose());
    }

    [Fact]
    public async Task EnumerateBlobs_lists_exactly_the_committed_blobs_with_their_write_time()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var committed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            committed.Add(await WriteBlob([(byte)i], chunk: 1));
        }

        await using var pending = _store.CreateWriter();
        await pending.WriteAsync(new byte[] { 9 }, None);
        await File.WriteAllTextAsync(Path.Combine(BlobRoot, "README"), "not a blob", None);
        Directory.CreateDirectory(Path.Combine(BlobRoot, "ab", "cd"));
        await File.WriteAllTextAsync(Path.Combine(BlobRoot, "ab", "cd", "ABCDEF0123456789ABCDEF0123456789"), "upper case", None);

        var listed = _store.EnumerateBlobs().ToList();

        Assert.Equal(committed.Order(), listed.Select(b => b.BlobId).Order());
        Assert.All(listed, b => Assert.InRange(b.WrittenAt, before, DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task CleanTemporary_removes_old_temp_files_and_keeps_recent_ones_and_committed_blobs()
    {
        var old = Path.Combine(_store.TempDirectory, "leftover-from-crash");
        await File.WriteAllTextAsync(old, "x", None);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));
        var recent = Path.Combine(_store.TempDirectory, "recent");
        await File.WriteAllTextAsync(recent, "y", None);
        var oldBlob = await WriteBlob([7], chunk: 1);
        File.SetLastWriteTimeUtc(_store.PathOf(oldBlob), DateTime.UtcNow.AddHours(-2));
        await using var inFlight = _store.CreateWriter();
        await inFlight.WriteAsync(new byte[] { 1 }, None);

        var removed = _store.CleanTemporary(DateTimeOffset.UtcNow - TimeSpan.FromHours(1));

        Assert.Equal(1, removed);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.Equal(new byte[] { 7 }, await ReadAll(oldBlob));
        await inFlight.CommitAsync(None);
        Assert.Equal(new byte[] { 1 }, await ReadAll(inFlight.BlobId));
    }

    [Fact]
    public async Task A_writer_stages_its_blob_in_its_nodes_own_temp_directory()
    {
        await using var writer = _store.CreateWriter();
        await writer.WriteAsync(new byte[] { 1 }, None);

        Assert.Equal(Path.Combine(_directory.Path, "tmp", "node-a"), _store.TempDirectory);
        var staged = Assert.Single(Directory.GetFiles(Path.Combine(_directory.Path, "tmp"), "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(_store.TempDirectory, writer.BlobId), staged);
    }

    [Fact]
    public async Task CleanTemporary_removes_old_leftovers_of_every_node_and_in_tmp_itself_but_not_young_or_held_files()
    {
        var other = new FileBlobStore(_directory.Path, NodeId.Parse("node-b"));
        var deadNodes = await TempFileAsync(other.TempDirectory, "left-by-a-node-that-never-came-back", TimeSpan.FromHours(2));
        var legacy = await TempFileAsync(Path.Combine(_directory.Path, "tmp"), "left-by-an-older-server", TimeSpan.FromHours(2));
        var young = await TempFileAsync(other.TempDirectory, "being-written", TimeSpan.FromMinutes(10));
        await using var live = other.CreateWriter();
        await live.WriteAsync(new byte[] { 1 }, None);
        File.SetLastWriteTimeUtc(Path.Combine(other.TempDirectory, live.BlobId), DateTime.UtcNow.AddHours(-2));

        var removed = _store.CleanTemporary(DateTimeOffset.UtcNow - TimeSpan.FromHours(1));

        Assert.Equal(2, removed);
        Assert.False(File.Exists(deadNodes));
        Assert.False(File.Exists(legacy));
        Assert.True(File.Exists(young));
        await live.WriteAsync(new byte[] { 2 }, None);
        await live.CommitAsync(None);
        Assert.Equal(new byte[] { 1, 2 }, await ReadAll(live.BlobId));
    }

    [Fact]
    public async Task Temp_and_blob_files_are_readable_and_writable_by_their_owner_only()
    {
        await using var writer = _store.CreateWriter();
        await writer.WriteAsync(new byte[] { 1 }, None);
        Assert.Equal("0600", UnixModes.Of(Assert.Single(Directory.GetFiles(_store.TempDirectory))));

        await writer.CommitAsync(None);

        Assert.Equal("0600", UnixModes.Of(_store.PathOf(writer.BlobId)));
    }

    [Fact]
    public void PathOf_places_a_blob_under_its_two_level_fan_out()
    {
        const string id = "0123456789abcdef0123456789abcdef";

        Assert.Equal(Path.Combine(BlobRoot, "01", "23", id), _store.PathOf(id));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("../../../../../../../../etc/pass")]
    [InlineData("01/23/456789abcdef0123456789abcd")]
    [InlineData("0123456789abcdef\\123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcd\0f")]
    [InlineData("0123456789abcdef0123456789abcde\uFF10")]
    public void Ids_that_are_not_32_lowercase_hex_digits_are_rejected_before_touching_the_disk(string id)
    {
        var victim = Path.Combine(_directory.Path, "victim");
        File.WriteAllText(victim, "keep me");

        Assert.Throws<ArgumentException>(() => _store.PathOf(id));
        Assert.Throws<ArgumentException>(() => _store.OpenRead(id).Dispose());
        Assert.Throws<ArgumentException>(() => _store.Delete(id));
        Assert.True(File.Exists(victim));
    }

    private async Task<string> WriteBlob(byte[] data, int chunk)
    {
        await using var writer = _store.CreateWriter();
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            await writer.WriteAsync(data.AsMemory(offset, Math.Min(chunk, data.Length - offset)), None);
        }

        await writer.CommitAsync(None);
        return writer.BlobId;
    }

    private static async Task<string> TempFileAsync(string directory, string name, TimeSpan writtenAgo)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, name, None);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - writtenAgo);
        return path;
    }

    private async Task<byte[]> ReadAll(string blobId)
    {
        await using var stream = _store.OpenRead(blobId);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, None);
        return copy.ToArray();
    }

    private static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }
}
