using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Core.Objects;
using Cairn.Storage.FileSystem;
using Cairn.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Support;

/// <summary>
/// The Core services under test, built on the real stores (SQLite metadata, blob files) in a fresh temp directory
/// with a fake clock and a volume whose free space the test sets, plus the observations tests assert on: what a
/// later GET or listing returns, which blob and temp files exist, what is queued as garbage. The one place that
/// knows how the stores and services are wired together.
/// </summary>
internal sealed class CoreTestStore : IDisposable
{
    public const string Owner = "owner-1";

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cairn-core-tests-");

    public CoreTestStore(StorageLimits? limits = null)
    {
        Limits = limits ?? new StorageLimits();
        Metadata = new SqliteMetadataStore(Path.Combine(_directory.FullName, "cairn.db"), Time);
        Blobs = new FileBlobStore(_directory.FullName, NodeId.Parse("node-a"));
        Space = new SpaceAdmission(Disk, Limits);
        Objects = new ObjectService(Metadata, Metadata, Blobs, Limits, Space, Time);
        Ingest = new BlobIngest(Blobs);
    }

    /// <summary>The metadata store, every port of it.</summary>
    public SqliteMetadataStore Metadata { get; }

    public FileBlobStore Blobs { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));

    /// <summary>Plenty of free space unless a test says otherwise.</summary>
    public FakeDiskSpace Disk { get; } = new() { Available = long.MaxValue / 4 };

    public StorageLimits Limits { get; }

    public SpaceAdmission Space { get; }

    public ObjectService Objects { get; }

    public BlobIngest Ingest { get; }

    public async Task<string> CreateBucketAsync(string name = "bucket")
    {
        await Metadata.CreateBucketAsync(new BucketRecord(name, Owner, Time.GetUtcNow()), None);
        return name;
    }

    /// <summary>The object's whole content as a GET returns it; null when there is no such object.</summary>
    public async Task<byte[]?> GetAsync(string bucket, string key)
    {
        if (await Objects.GetInfoAsync(bucket, key, None) is not { } record)
        {
            return null;
        }

        await using var content = Objects.OpenContent(record, 0, record.Size);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The keys a listing of the bucket shows.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string bucket)
    {
        var page = await Metadata.ListObjectsAsync(bucket, string.Empty, null, null, 1000, None);
        return page.Objects.Select(o => o.Key).ToList();
    }

    /// <summary>Committed blob files.</summary>
    public IReadOnlyList<string> BlobIds() => Blobs.EnumerateBlobs().Select(b => b.BlobId).ToList();

    /// <summary>The content of a committed blob file.</summary>
    public async Task<byte[]> ReadBlobAsync(string blobId)
    {
        await using var content = Blobs.OpenRead(blobId);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Files of writes in progress (or left behind by writes that failed).</summary>
    public IReadOnlyList<string> TempFiles() => Directory.GetFiles(Blobs.TempDirectory, "*", SearchOption.AllDirectories);

    /// <summary>Blobs queued for the garbage collector.</summary>
    public Task<IReadOnlyList<string>> GarbageAsync() => Metadata.GetGarbageAsync(TimeSpan.Zero, 1000, None);

    /// <summary>Asserts that a failed write left no trace: no blob file, no temp file, nothing queued as garbage.</summary>
    public async Task AssertNoDataLeftAsync()
    {
        Assert.Empty(BlobIds());
        Assert.Empty(TempFiles());
        Assert.Empty(await GarbageAsync());
    }

    public void Dispose()
    {
        Metadata.Dispose();
        _directory.Delete(recursive: true);
    }
}
