using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// What every metadata-store contract shares: the behaviour the server relies on from any store of the metadata ports
/// (buckets, objects, uploads, garbage) is split by area into contract classes deriving from this one. A concrete test class supplies a fresh directory per test
/// and a factory; calling the factory twice with the same directory must open the same data (a restart, or a second
/// server process sharing the store).
/// </summary>
public abstract class MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    protected static readonly CancellationToken None = CancellationToken.None;
    private TStore? _store;

    /// <summary>A directory private to the current test.</summary>
    protected abstract string TestDirectory { get; }

    /// <summary>Opens (creating if needed) the store kept in <paramref name="dir"/>.</summary>
    protected abstract TStore CreateStore(string dir);

    /// <summary>The store under test, opened on first use.</summary>
    protected TStore Store => _store ??= CreateStore(TestDirectory);

    protected static string NewBlobId() => Guid.NewGuid().ToString("N");

    protected static DateTimeOffset Millis(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    protected static ObjectRecord NewObject(string bucket, string key, params string[] blobIds) => new()
    {
        Bucket = bucket,
        Key = key,
        Size = 10L * blobIds.Length,
        ETag = "d41d8cd98f00b204e9800998ecf8427e",
        LastModified = Millis(1_700_000_000_000),
        Owner = "owner",
        Segments = blobIds.Select(id => new Segment(id, 0, 10)).ToList(),
    };

    protected static UploadRecord NewUpload(string bucket, string key, string? uploadId = null, long initiatedAt = 1_700_000_000_000) => new()
    {
        UploadId = uploadId ?? Guid.NewGuid().ToString("N"),
        Bucket = bucket,
        Key = key,
        InitiatedAt = Millis(initiatedAt),
        Owner = "owner",
    };

    protected static PartRecord NewPart(string uploadId, int partNumber) => new()
    {
        UploadId = uploadId,
        PartNumber = partNumber,
        BlobId = NewBlobId(),
        Size = 5_242_880,
        ETag = $"{partNumber:x32}",
        LastModified = Millis(1_700_000_000_000 + partNumber),
    };

    protected static void Close(TStore store)
    {
        if (store is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    protected async Task CreateBucket(string name) =>
        Assert.Null(await Store.CreateBucketAsync(new BucketRecord(name, "owner", Millis(1_700_000_000_000)), None));

    protected async Task PutKeys(string bucket, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            await Store.PutObjectAsync(NewObject(bucket, key, NewBlobId()), None);
        }
    }

    protected static void AssertSameObject(ObjectRecord expected, ObjectRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Bucket, actual.Bucket);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.ETag, actual.ETag);
        Assert.Equal(expected.LastModified, actual.LastModified);
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Equal(expected.UserMetadata.OrderBy(p => p.Key, StringComparer.Ordinal), actual.UserMetadata.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Checksums.OrderBy(p => p.Key), actual.Checksums.OrderBy(p => p.Key));
        Assert.Equal(expected.ChecksumType, actual.ChecksumType);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.PartsCount, actual.PartsCount);
        Assert.Equal(expected.Segments, actual.Segments);
    }
}
