using Cairn.Core.Background;
using Cairn.Core.Lifecycle;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Names;
using Cairn.Core.Objects;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using Cairn.Core.Tests.Support;
using Cairn.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>
/// Lifecycle sweepers over the real stores of a <see cref="CoreTestStore"/> (SQLite, blob files, a fake clock that
/// starts at 2025-03-14 15:09:26 UTC): objects and uploads written as clients write them, rules stored as the
/// bucket's lifecycle setting, and what a test asserts on afterwards (what is listed, which blob files exist).
/// Objects are never stored inline, so each has a blob file the sweep must free.
/// </summary>
internal sealed class LifecycleSweepFixture : IDisposable
{
    public const string Bucket = "bucket";
    public const string Node = "node-a";

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly CoreTestStore _stores = new(new StorageLimits { InlineObjectMaxSize = 0, MinPartSize = 1, MinFreeSpace = 0 });
    private readonly MultipartService _multipart;

    public LifecycleSweepFixture()
    {
        _multipart = new MultipartService(Store, Store, Store, _stores.Blobs, _stores.Limits, _stores.Space, Clock);
        Store.CreateBucketAsync(new BucketRecord(Bucket, CoreTestStore.Owner, Clock.GetUtcNow()), None).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock => _stores.Time;

    public SqliteMetadataStore Store => _stores.Metadata;

    /// <summary>What every sweeper of this fixture reported.</summary>
    public RecordingSweepObserver Observer { get; } = new();

    /// <summary>A sweeper on <paramref name="node"/>: a new instance is what a restarted process or another node has.</summary>
    public LifecycleSweeper NewSweeper(int batch = 1000, string node = Node, ILifecycleStore? store = null, TimeSpan? interval = null) =>
        new(store ?? Store, Store, Store, Clock, Settings(batch, node, interval), Observer);

    /// <summary>
    /// A sweeper's settings. No interval between sweeps unless a test asks for one, so that a test can sweep again at
    /// once after moving the clock by a tick.
    /// </summary>
    public static LifecycleSettings Settings(int batch = 1000, string node = Node, TimeSpan? interval = null) =>
        new() { Batch = batch, Node = NodeId.Parse(node), Interval = interval ?? TimeSpan.Zero, Lease = TimeSpan.FromMinutes(5) };

    public Task SetRulesAsync(params LifecycleRule[] rules) =>
        Store.SetBucketSettingAsync(Bucket, BucketSettingNames.Lifecycle, LifecycleJson.Write(new LifecycleConfiguration(rules)), None);

    /// <summary>Puts an object of <paramref name="size"/> bytes through the object service, then gives it its tags.</summary>
    public async Task<ObjectRecord> PutAsync(string key, int size = 1, TagSet? tags = null, string bucket = Bucket)
    {
        var record = await _stores.PutAsync(bucket, key, new byte[size]);
        if (tags is not null)
        {
            Assert.True(await Store.SetObjectTagsAsync(bucket, key, tags, None));
        }

        return record;
    }

    /// <summary>Initiates an upload of <paramref name="key"/> and uploads one part; returns the upload id and the part's blob.</summary>
    public async Task<(string UploadId, string PartBlob)> InitiateWithPartAsync(string key)
    {
        var upload = await _multipart.InitiateAsync(
            new UploadRecord { UploadId = string.Empty, Bucket = Bucket, Key = key, InitiatedAt = default, Owner = CoreTestStore.Owner }, None);
        using var body = new MemoryStream(new byte[3]);
        var part = await _multipart.UploadPartAsync(new UploadPartCommand(Bucket, key, upload.UploadId, 1, 3, IntegrityExpectation.None), body, None);
        return (upload.UploadId, part.BlobId);
    }

    /// <summary>Runs passes until the sweep reports nothing more waiting; returns every pass.</summary>
    public async Task<List<WorkPass>> SweepAsync(LifecycleSweeper? sweeper = null, int maxPasses = 10_000)
    {
        sweeper ??= NewSweeper();
        var passes = new List<WorkPass>();
        do
        {
            passes.Add(await sweeper.RunPassAsync(None));
            Assert.True(passes.Count <= maxPasses, "the sweep did not finish");
        }
        while (passes[^1].MoreWaiting);

        return passes;
    }

    /// <summary>Deletes the files of queued garbage at once, as the collector does after its reader grace.</summary>
    public Task<int> CollectGarbageAsync() =>
        new BlobGarbageCollector(Store, _stores.Blobs, Store, Clock).CollectAsync(TimeSpan.Zero, sweepOrphans: false, None);

    /// <summary>Every key a listing of the bucket shows.</summary>
    public async Task<List<string>> ListKeysAsync()
    {
        var keys = new List<string>();
        for (string? after = null; ;)
        {
            var page = await Store.ListObjectsAsync(Bucket, string.Empty, null, after, 1000, None);
            keys.AddRange(page.Objects.Select(o => o.Key));
            if (!page.IsTruncated)
            {
                return keys;
            }

            after = keys[^1];
        }
    }

    /// <summary>The ids of the bucket's uploads in progress, as ListMultipartUploads shows them.</summary>
    public async Task<List<string>> ListUploadIdsAsync()
    {
        var page = await Store.ListUploadsAsync(Bucket, string.Empty, null, null, null, 1000, None);
        return [.. page.Uploads.Select(u => u.UploadId)];
    }

    public bool BlobExists(string blobId) => File.Exists(_stores.Blobs.PathOf(blobId));

    public bool BlobExists(ObjectRecord record) => record.Segments.All(segment => BlobExists(segment.BlobId));

    public void Dispose() => _stores.Dispose();

    /// <summary>A rule on the whole bucket (or <paramref name="filter"/>) that expires objects <paramref name="days"/> after their last change.</summary>
    public static LifecycleRule ExpireAfter(int days, LifecycleFilter? filter = null, bool enabled = true, string id = "expire") => new()
    {
        Id = id,
        Enabled = enabled,
        Filter = filter ?? LifecycleFilter.Everything,
        Expiration = new LifecycleExpiration { Days = days },
    };

    /// <summary>A rule that aborts uploads <paramref name="days"/> after their initiation.</summary>
    public static LifecycleRule AbortAfter(int days, string prefix = "", string id = "abort") => new()
    {
        Id = id,
        Enabled = true,
        Filter = new LifecycleFilter { Prefix = prefix },
        AbortIncompleteUpload = new LifecycleAbort { Days = days },
    };
}

/// <summary>What a sweeper told its observer, in order.</summary>
internal sealed class RecordingSweepObserver : ILifecycleSweepObserver
{
    public long Due { get; private set; }

    public int Expired { get; private set; }

    public int Aborted { get; private set; }

    public List<TimeSpan> Sweeps { get; } = [];

    public void Found(long due) => Due = due;

    public void Acted(LifecycleAction action, int count)
    {
        if (action == LifecycleAction.Expired)
        {
            Expired += count;
        }
        else
        {
            Aborted += count;
        }
    }

    public void Finished(TimeSpan duration) => Sweeps.Add(duration);
}
