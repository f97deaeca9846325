using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Space;
using Cairn.Storage.Sqlite;
using Cairn.Tests.Shared;

namespace Cairn.Storage.Tests.Space;

/// <summary>
/// What the full-volume tests own: a small tmpfs with a data directory on it, and the stores opened there, all
/// closed (stores first) and unmounted with the test.
/// </summary>
internal sealed class FullVolumeFixture : IDisposable
{
    public const long MiB = 1024 * 1024;

    private readonly List<IDisposable> _stores = [];

    public FullVolumeFixture(long size)
    {
        Volume = TmpfsVolume.Mount(size);
        DataDirectory = Path.Combine(Volume.Path, "data");
        Directory.CreateDirectory(DataDirectory);
    }

    public TmpfsVolume Volume { get; }

    public string DataDirectory { get; }

    public SqliteMetadataStore OpenStore(SpaceReserve? reserve = null)
    {
        var store = new SqliteMetadataStore(Path.Combine(DataDirectory, "cairn.db"), TimeProvider.System, reserve);
        _stores.Add(store);
        return store;
    }

    public FileBlobStore OpenBlobs() => new(DataDirectory, NodeId.Parse("node-a"));

    /// <summary>A reserve of <paramref name="size"/> bytes, created at once.</summary>
    public SpaceReserve CreateReserve(long size)
    {
        var reserve = new SpaceReserve(DataDirectory, size);
        Assert.True(reserve.TryRestore(), "the reserve did not fit on the fresh volume");
        return reserve;
    }

    public static BucketRecord Bucket(string name) => new(name, "owner", DateTimeOffset.UnixEpoch);

    /// <summary>An object whose bytes live in its metadata row.</summary>
    public static ObjectRecord Inline(string bucket, string key, long size) => new()
    {
        Bucket = bucket,
        Key = key,
        Size = size,
        ETag = "d41d8cd98f00b204e9800998ecf8427e",
        LastModified = DateTimeOffset.UnixEpoch,
        InlineContent = Enumerable.Range(0, (int)size).Select(i => (byte)(i * 31)).ToArray(),
    };

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        Volume.Dispose();
    }
}
