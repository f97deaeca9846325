using Cairn.Core.Model;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Support;

namespace Cairn.Storage.Tests.Sqlite;

public sealed class SqliteFileModeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_database_and_its_wal_and_shm_files_are_readable_and_writable_by_their_owner_only()
    {
        var path = Path.Combine(_directory.Path, "cairn.db");
        using (var store = new SqliteMetadataStore(path, TimeProvider.System))
        {
            await store.CreateBucketAsync(new BucketRecord("b", "owner", DateTimeOffset.UnixEpoch), CancellationToken.None);

            Assert.Equal("0600", UnixModes.Of(path));
            Assert.Equal("0600", UnixModes.Of(path + "-wal"));
            Assert.Equal("0600", UnixModes.Of(path + "-shm"));
        }

        using var reopened = new SqliteMetadataStore(path, TimeProvider.System);
        Assert.NotNull(await reopened.GetBucketAsync("b", CancellationToken.None));
    }
}
