using Amazon.S3.Model;
using Cairn.Client.Checkpoints;
using Cairn.Client.Download;
using Cairn.Client.Retry;
using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Download;

/// <summary>Parallel ranged downloads into a file: verification, pause and resume, and stale or damaged state.</summary>
public sealed class FileDownloaderTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    private const long MiB = TestFiles.MiB;

    private static readonly RetryPolicy FastRetry = new() { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task MultipartObject_IsVerifiedByMd5OfMd5s_AndRenamedIntoPlace()
    {
        var (bucket, source) = await UploadAsync("multi.bin", (10 * MiB) + 333, MiB, seed: 31);
        var target = Path.Combine(server.NewFolder("dst"), "multi.bin");
        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).DownloadFileAsync(bucket, "multi.bin", target,
            new TransferOptions { Concurrency = 4, CheckpointPath = target + ".json" });
        Assert.Equal("md5-of-md5s", result.Verification);
        Assert.Equal(11, result.RangesTotal); // ranges follow the object's 1 MiB parts
        TestFiles.AssertIdentical(source, target);
        Assert.Equal(["multi.bin"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Progress_CountsOnlyFullyWrittenRangesAsDone()
    {
        var (bucket, _) = await UploadAsync("p.bin", 8 * MiB, MiB, seed: 38);
        var target = Path.Combine(server.NewFolder("dst"), "p.bin");
        var progress = new CallbackProgress();
        // Throttled, so that reports fall in the middle of ranges being received.
        await using var proxy = new TcpProxy(server.BaseAddress) { BytesPerSecond = 8 * MiB };
        using var s3 = server.CreateTransferS3(proxy.Address);

        await new CairnTransferClient(s3).DownloadFileAsync(bucket, "p.bin", target, new TransferOptions { Concurrency = 3, Progress = progress });

        Assert.All(progress.Reports, p => Assert.Equal(p.PartsDone * MiB, p.BytesDone));
        Assert.Contains(progress.Reports, p => p.BytesInFlight > 0);
        Assert.Equal((8 * MiB, 0L), (progress.Reports[^1].BytesDone, progress.Reports[^1].BytesInFlight));
    }

    [Fact]
    public async Task SinglePartObject_IsVerifiedByMd5()
    {
        var (bucket, source) = await UploadAsync("single.bin", 700 * 1024, MiB, seed: 32);
        var target = Path.Combine(server.NewFolder("dst"), "single.bin");
        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).DownloadFileAsync(bucket, "single.bin", target, new TransferOptions { PartSize = 128 * 1024 });
        Assert.Equal("md5", result.Verification);
        Assert.Equal(6, result.RangesTotal);
        TestFiles.AssertIdentical(source, target);
    }

    [Fact]
    public async Task EmptyObject_DownloadsAsEmptyFile()
    {
        var bucket = await server.CreateBucketAsync();
        using var s3 = server.CreateTransferS3();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "empty", ContentBody = string.Empty });
        var target = Path.Combine(server.NewFolder("dst"), "empty");
        var result = await new CairnTransferClient(s3).DownloadFileAsync(bucket, "empty", target);
        Assert.Equal("md5", result.Verification);
        Assert.Equal(0, new FileInfo(target).Length);
    }

    [Fact]
    public async Task UnevenParts_AreVerifiedWithTheirExactSizes()
    {
        var bucket = await server.CreateBucketAsync();
        var data = TestFiles.Bytes((int)(3.5 * MiB), seed: 33);
        using var s3 = server.CreateClient();
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "uneven");
        int[] sizes = [(int)MiB, 2 * (int)MiB, (int)(0.5 * MiB)];
        var etags = new List<PartETag>();
        for (int i = 0, offset = 0; i < sizes.Length; offset += sizes[i], i++)
        {
            var part = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "uneven", UploadId = upload.UploadId, PartNumber = i + 1,
                InputStream = new MemoryStream(data, offset, sizes[i]),
            });
            etags.Add(new PartETag(i + 1, part.ETag));
        }

        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "uneven", UploadId = upload.UploadId, PartETags = etags });
        var target = Path.Combine(server.NewFolder("dst"), "uneven");
        using var transfer = server.CreateTransferS3();
        var result = await new CairnTransferClient(transfer).DownloadFileAsync(bucket, "uneven", target);
        Assert.Equal("md5-of-md5s", result.Verification);
        Assert.Equal(data, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Pause_ThenResume_SkipsRangesAlreadyOnDisk()
    {
        var (bucket, source, target, checkpoint, paused) = await PausedDownloadAsync("resume.bin", seed: 34);
        Assert.False(File.Exists(target), "Nothing appears at the destination before the download is verified.");
        Assert.True(File.Exists(paused.TempPath));

        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).DownloadFileAsync(bucket, "resume.bin", target, Options(checkpoint));

        Assert.True(result.Resumed);
        Assert.Equal(paused.DoneRanges.Count, result.RangesSkipped);
        Assert.Equal(12 - paused.DoneRanges.Count, result.RangesDownloaded);
        Assert.Equal("md5-of-md5s", result.Verification);
        TestFiles.AssertIdentical(source, target);
        Assert.False(File.Exists(checkpoint));
        Assert.False(File.Exists(paused.TempPath));
    }

    [Fact]
    public async Task ChangedObject_StartsOver()
    {
        var (bucket, _, target, checkpoint, _) = await PausedDownloadAsync("changed.bin", seed: 35);
        var replacement = TestFiles.Create(server.NewFolder("src"), "new.bin", 5 * MiB, seed: 350);
        using var s3 = server.CreateTransferS3();
        await new CairnTransferClient(s3).UploadFileAsync(replacement, bucket, "changed.bin", new TransferOptions { PartSize = MiB });

        var result = await new CairnTransferClient(s3).DownloadFileAsync(bucket, "changed.bin", target, Options(checkpoint));

        Assert.Contains("changed on the server", result.StartedOverReason, StringComparison.Ordinal);
        Assert.Equal(0, result.RangesSkipped);
        TestFiles.AssertIdentical(replacement, target);
    }

    [Fact]
    public async Task DamagedPartialFile_FailsVerificationAndLeavesNothingBehind()
    {
        var (bucket, _, target, checkpoint, paused) = await PausedDownloadAsync("damaged.bin", seed: 36);
        using (var temp = File.OpenHandle(paused.TempPath, FileMode.Open, FileAccess.Write))
        {
            var range = paused.DoneRanges[0];
            RandomAccess.Write(temp, "garbage"u8, ((range - 1) * MiB) + 10);
        }

        using var s3 = server.CreateTransferS3();
        await Assert.ThrowsAsync<TransferVerificationException>(() =>
            new CairnTransferClient(s3).DownloadFileAsync(bucket, "damaged.bin", target, Options(checkpoint)));
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(paused.TempPath));
        Assert.False(File.Exists(checkpoint));
    }

    [Fact]
    public async Task DownloadToStream_IsVerifiedOnTheWay()
    {
        var (bucket, source) = await UploadAsync("stream.bin", (3 * MiB) + 5, MiB, seed: 37);
        using var s3 = server.CreateTransferS3();
        using var sink = new MemoryStream();
        var result = await new CairnTransferClient(s3).DownloadToStreamAsync(bucket, "stream.bin", sink);
        Assert.Equal("md5-of-md5s", result.Verification);
        Assert.Equal(await File.ReadAllBytesAsync(source), sink.ToArray());
    }

    private static TransferOptions Options(string checkpoint, IProgress<Progress.TransferProgress>? progress = null) =>
        new() { PartSize = MiB, Concurrency = 2, CheckpointPath = checkpoint, Retry = FastRetry, Progress = progress };

    private async Task<(string Bucket, string Source)> UploadAsync(string key, long size, long partSize, int seed)
    {
        var bucket = await server.CreateBucketAsync();
        var source = TestFiles.Create(server.NewFolder("src"), key, size, seed);
        using var s3 = server.CreateTransferS3();
        await new CairnTransferClient(s3).UploadFileAsync(source, bucket, key, new TransferOptions { PartSize = partSize });
        return (bucket, source);
    }

    private async Task<(string Bucket, string Source, string Target, string Checkpoint, DownloadCheckpoint Paused)> PausedDownloadAsync(string key, int seed)
    {
        var (bucket, source) = await UploadAsync(key, 12 * MiB, 2 * MiB, seed);
        var target = Path.Combine(server.NewFolder("dst"), key);
        var checkpoint = Path.Combine(server.NewFolder("cp"), key + ".json");
        using var s3 = server.CreateTransferS3();
        using var pause = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CairnTransferClient(s3).DownloadFileAsync(
            bucket, key, target, Options(checkpoint, CallbackProgress.PauseAfter(3, pause)), pause.Token));
        var paused = CheckpointFile.Load<DownloadCheckpoint>(checkpoint);
        Assert.NotNull(paused);
        Assert.InRange(paused.DoneRanges.Count, 3, 11);
        return (bucket, source, target, checkpoint, paused);
    }
}
