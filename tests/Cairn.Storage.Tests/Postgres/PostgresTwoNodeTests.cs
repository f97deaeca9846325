using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;
using Cairn.Storage.Postgres;
using Npgsql;

namespace Cairn.Storage.Tests.Postgres;

/// <summary>
/// What only a shared database shows: two nodes (two store instances on one database) racing on one upload, one
/// bucket or one garbage queue. Each race runs several rounds, both sides released at once by a gate.
/// </summary>
public sealed class PostgresTwoNodeTests : IDisposable
{
    private const int Rounds = 12;
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly PostgresStores _stores = new();
    private PostgresMetadataStore? _nodeA;
    private PostgresMetadataStore? _nodeB;

    private PostgresMetadataStore NodeA => _nodeA ??= _stores.Open(_stores.Directory);

    private PostgresMetadataStore NodeB => _nodeB ??= _stores.Open(_stores.Directory);

    public void Dispose() => _stores.Dispose();

    [SkippableFact]
    public async Task Complete_on_one_node_racing_Abort_on_the_other_has_one_winner_and_leaves_no_part_blob_behind()
    {
        await CreateBucket("b");
        for (var round = 0; round < Rounds; round++)
        {
            var upload = NewUpload("b", $"k{round}");
            await NodeA.CreateUploadAsync(upload, None);
            var parts = Enumerable.Range(1, 3).Select(n => NewPart(upload.UploadId, n)).ToArray();
            foreach (var part in parts)
            {
                await (part.PartNumber % 2 == 0 ? NodeA : NodeB).PutPartAsync(part, None);
            }

            var built = BuildFrom(upload, parts[0], parts[2]);
            var (outcome, aborted) = await Race(
                () => NodeA.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None),
                () => NodeB.AbortUploadAsync(upload.UploadId, None));

            if (outcome is CompleteOutcome.Committed)
            {
                Assert.False(aborted);
                Assert.Equal(built.Segments, (await NodeB.GetObjectAsync("b", upload.Key, None))!.Segments);
            }
            else
            {
                Assert.IsType<CompleteOutcome.UploadGone>(outcome);
                Assert.True(aborted);
                Assert.Null(await NodeB.GetObjectAsync("b", upload.Key, None));
            }

            Assert.Null(await NodeA.GetUploadAsync(upload.UploadId, None));
            await AssertReferencedOrQueued(parts.Select(p => p.BlobId));
        }
    }

    [SkippableFact]
    public async Task Two_nodes_claiming_the_same_garbage_at_once_never_doom_a_blob_that_is_referenced()
    {
        await CreateBucket("b");
        for (var round = 0; round < Rounds; round++)
        {
            // Queued garbage and blobs nothing knows yet (what a sweep finds), some of which node A references while
            // both nodes claim; and blobs that an object and a part hold.
            var queued = Enumerable.Range(0, 40).Select(_ => NewBlobId()).ToArray();
            var unknown = Enumerable.Range(0, 5).Select(_ => NewBlobId()).ToArray();
            await NodeA.PutObjectAsync(NewObject("b", $"gone{round}", queued), None);
            await NodeA.DeleteObjectAsync("b", $"gone{round}", None);
            var held = NewBlobId();
            await NodeB.PutObjectAsync(NewObject("b", $"kept{round}", held), None);
            var upload = NewUpload("b", $"big{round}");
            await NodeA.CreateUploadAsync(upload, None);
            var part = NewPart(upload.UploadId, 1);
            await NodeA.PutPartAsync(part, None);
            string[] reused = [.. queued.Take(5), .. unknown];
            string[] candidates = [.. queued, .. unknown, held, part.BlobId];

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var claimA = Task.Run(async () => { await gate.Task; return await NodeA.DoomAsync(candidates, None); });
            var claimB = Task.Run(async () => { await gate.Task; return await NodeB.DoomAsync([.. Enumerable.Reverse(candidates)], None); });
            var copies = reused.Select((blob, i) => Task.Run(async () =>
            {
                await gate.Task;
                return await Referenced(() => NodeA.PutObjectAsync(NewObject("b", $"copy{round}-{i}", blob), None));
            })).ToArray();
            gate.SetResult();
            var doomed = (await claimA).Concat(await claimB).ToHashSet();
            var copied = await Task.WhenAll(copies);

            Assert.DoesNotContain(held, doomed);
            Assert.DoesNotContain(part.BlobId, doomed);
            for (var i = 0; i < reused.Length; i++)
            {
                // A copy either references its blob and nobody doomed it, or found it doomed and stored nothing.
                Assert.NotEqual(copied[i], doomed.Contains(reused[i]));
                Assert.Equal(copied[i], await NodeB.IsBlobReferencedAsync(reused[i], None));
            }

            // What neither claim took this time is still queued: a later claim dooms every unreferenced candidate.
            var unreferenced = queued.Concat(unknown).Except(reused.Where((_, i) => copied[i])).ToArray();
            Assert.Equal(unreferenced.Order(), (await NodeB.DoomAsync(candidates, None)).Order());
            await NodeA.RemoveGarbageAsync(unreferenced, None);
        }
    }

    [SkippableFact]
    public async Task Parts_stored_on_one_node_while_the_other_deletes_the_bucket_leave_no_part_row_and_no_referenced_blob()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var bucket = $"b{round}";
            await CreateBucket(bucket);
            var upload = NewUpload(bucket, "k");
            await NodeA.CreateUploadAsync(upload, None);
            var parts = Enumerable.Range(1, 8).Select(n => NewPart(upload.UploadId, n)).ToArray();

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var puts = parts.Select(part => Task.Run(async () => { await gate.Task; return await Stored(() => NodeA.PutPartAsync(part, None)); })).ToArray();
            var delete = Task.Run(async () => { await gate.Task; await NodeB.DeleteBucketAsync(bucket, None); });
            gate.SetResult();
            await delete;
            var stored = await Task.WhenAll(puts);

            Assert.Null(await NodeA.GetBucketAsync(bucket, None));
            Assert.Null(await NodeA.ListPartsAsync(upload.UploadId, 0, 1000, None));
            Assert.Equal(0L, await CountPartRows());
            var garbage = (await NodeA.GetGarbageAsync(TimeSpan.Zero, 10_000, None)).ToHashSet();
            for (var i = 0; i < parts.Length; i++)
            {
                Assert.False(await NodeB.IsBlobReferencedAsync(parts[i].BlobId, None));
                Assert.Equal(stored[i], garbage.Contains(parts[i].BlobId));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static async Task<(T1, T2)> Race<T1, T2>(Func<Task<T1>> first, Func<Task<T2>> second)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var one = Task.Run(async () => { await gate.Task; return await first(); });
        var two = Task.Run(async () => { await gate.Task; return await second(); });
        gate.SetResult();
        return (await one, await two);
    }

    /// <summary>True when the write referencing a blob committed, false when it found the blob doomed (NoSuchKey).</summary>
    private static async Task<bool> Referenced(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (CairnException e) when (e.Code == ErrorCode.NoSuchKey)
        {
            return false;
        }
    }

    /// <summary>True when the part was stored, false when its upload was already gone (NoSuchUpload).</summary>
    private static async Task<bool> Stored(Func<Task> putPart)
    {
        try
        {
            await putPart();
            return true;
        }
        catch (CairnException e) when (e.Code == ErrorCode.NoSuchUpload)
        {
            return false;
        }
    }

    /// <summary>Every blob is still referenced or queued as garbage: none is left for only the orphan sweep to find.</summary>
    private async Task AssertReferencedOrQueued(IEnumerable<string> blobIds)
    {
        var garbage = (await NodeA.GetGarbageAsync(TimeSpan.Zero, 10_000, None)).ToHashSet();
        foreach (var blob in blobIds)
        {
            Assert.True(garbage.Contains(blob) ^ await NodeB.IsBlobReferencedAsync(blob, None), $"blob {blob} is neither referenced nor queued, or both");
        }
    }

    private async Task<long> CountPartRows()
    {
        await using var connection = new NpgsqlConnection(_stores.ConnectionString(_stores.Directory));
        await connection.OpenAsync(None);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM parts", connection);
        return (long)(await command.ExecuteScalarAsync(None))!;
    }

    private async Task CreateBucket(string name) =>
        Assert.Null(await NodeA.CreateBucketAsync(new BucketRecord(name, "owner", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)), None));

    private static string NewBlobId() => Guid.NewGuid().ToString("N");

    private static ObjectRecord NewObject(string bucket, string key, params string[] blobIds) => new()
    {
        Bucket = bucket,
        Key = key,
        Size = 10L * blobIds.Length,
        ETag = "d41d8cd98f00b204e9800998ecf8427e",
        LastModified = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
        Owner = "owner",
        Segments = blobIds.Select(id => new Segment(id, 0, 10)).ToList(),
    };

    private static UploadRecord NewUpload(string bucket, string key) => new()
    {
        UploadId = UploadIds.New(DateTimeOffset.UtcNow),
        Bucket = bucket,
        Key = key,
        InitiatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
        Owner = "owner",
    };

    private static PartRecord NewPart(string uploadId, int partNumber) => new()
    {
        UploadId = uploadId,
        PartNumber = partNumber,
        BlobId = NewBlobId(),
        Size = 5_242_880,
        ETag = $"{partNumber:x32}",
        LastModified = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + partNumber),
    };

    private static ObjectRecord BuildFrom(UploadRecord upload, params PartRecord[] chosen) => new()
    {
        Bucket = upload.Bucket,
        Key = upload.Key,
        Size = chosen.Sum(p => p.Size),
        ETag = $"9b2cf535f27731c974343645a3985328-{chosen.Length}",
        LastModified = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000),
        Owner = upload.Owner,
        PartsCount = chosen.Length,
        Segments = chosen.Select(p => new Segment(p.BlobId, 0, p.Size, p.PartNumber, p.ETag)).ToList(),
    };
}
