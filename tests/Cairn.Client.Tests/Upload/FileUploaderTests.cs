using Amazon.S3.Model;
using Cairn.Client.Checkpoints;
using Cairn.Client.Hashing;
using Cairn.Client.Retry;
using Cairn.Client.Tests.Infrastructure;
using Cairn.Client.Upload;

namespace Cairn.Client.Tests.Upload;

/// <summary>File uploads through the library against a real Cairn: single PUTs, pause and resume, and every way a checkpoint can go stale.</summary>
public sealed class FileUploaderTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    private const long MiB = TestFiles.MiB;

    private static readonly RetryPolicy FastRetry = new() { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task SmallFile_IsOnePutObject_WithVerifiedETag()
    {
        var bucket = await server.CreateBucketAsync();
        var path = TestFiles.Create(server.NewFolder("src"), "small.bin", 300 * 1024, seed: 1);
        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "small.bin", new TransferOptions { PartSize = MiB });
        Assert.False(result.Multipart);
        Assert.Equal(TestFiles.Md5Hex(path), result.ETag);
        Assert.Equal(await File.ReadAllBytesAsync(path), await S3Inspect.GetBytesAsync(s3, bucket, "small.bin"));
    }

    [Fact]
    public async Task EmptyFile_IsAnEmptyObject()
    {
        var bucket = await server.CreateBucketAsync();
        var path = Path.Combine(server.NewFolder("src"), "empty");
        await File.WriteAllBytesAsync(path, []);
        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "empty");
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", result.ETag);
        Assert.Empty(await S3Inspect.GetBytesAsync(s3, bucket, "empty"));
    }

    [Fact]
    public async Task MultipartUpload_ReportsProgressAndCompletesWithMd5OfMd5s()
    {
        var bucket = await server.CreateBucketAsync();
        var path = TestFiles.Create(server.NewFolder("src"), "f.bin", (5 * MiB) + 12345, seed: 2);
        var progress = new CallbackProgress();
        var checkpoint = Path.Combine(server.NewFolder("cp"), "f.json");
        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "f.bin",
            new TransferOptions { PartSize = MiB, Concurrency = 3, Progress = progress, CheckpointPath = checkpoint });

        Assert.True(result.Multipart);
        Assert.Equal(6, result.PartsTotal);
        Assert.Equal(6, result.PartsUploaded);
        Assert.EndsWith("-6", result.ETag, StringComparison.Ordinal);
        Assert.Equal(ETags.Normalize((await s3.GetObjectMetadataAsync(bucket, "f.bin")).ETag), result.ETag);
        Assert.False(File.Exists(checkpoint), "A finished upload removes its checkpoint.");
        var last = progress.Reports[^1];
        Assert.Equal((5 * MiB) + 12345, last.BytesDone);
        Assert.Equal(6, last.PartsDone);
        Assert.All(progress.Reports, p => Assert.InRange(p.BytesDone, 0, p.TotalBytes!.Value));
        TestFiles.AssertIdentical(path, await S3Inspect.GetFileAsync(s3, bucket, "f.bin", path + ".back"));
    }

    [Fact]
    public async Task Progress_CountsOnlyAcknowledgedPartsAsDone()
    {
        var bucket = await server.CreateBucketAsync();
        var path = TestFiles.Create(server.NewFolder("src"), "p.bin", 8 * MiB, seed: 8);
        var progress = new CallbackProgress();
        // Throttled, so that reports fall in the middle of parts being sent.
        await using var proxy = new TcpProxy(server.BaseAddress) { BytesPerSecond = 8 * MiB };
        using var s3 = server.CreateTransferS3(proxy.Address);

        await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "p.bin", new TransferOptions { PartSize = MiB, Concurrency = 3, Progress = progress });

        Assert.All(progress.Reports, p => Assert.Equal(p.PartsDone * MiB, p.BytesDone));
        Assert.Contains(progress.Reports, p => p.BytesInFlight > 0);
        Assert.Equal((8 * MiB, 0L), (progress.Reports[^1].BytesDone, progress.Reports[^1].BytesInFlight));
    }

    [Fact]
    public async Task Pause_KeepsCheckpointAndUpload_ThenResumeSendsOnlyMissingParts()
    {
        var (bucket, path, checkpoint, paused) = await PausedUploadAsync("resume.bin", seed: 3);
        using var s3 = server.CreateTransferS3();
        var onServer = await S3Inspect.SettledPartCountAsync(s3, bucket, "resume.bin", paused.UploadId);
        Assert.True(onServer >= 4, $"{onServer} parts on the server after the pause.");
        Assert.Contains(await S3Inspect.UploadsAsync(s3, bucket), u => u.UploadId == paused.UploadId);

        var result = await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "resume.bin", Options(checkpoint));

        Assert.True(result.Resumed);
        Assert.Null(result.StartedOverReason);
        Assert.Equal(onServer, result.PartsSkipped);
        Assert.Equal(12 - onServer, result.PartsUploaded);
        Assert.Empty(await S3Inspect.UploadsAsync(s3, bucket));
        TestFiles.AssertIdentical(path, await S3Inspect.GetFileAsync(s3, bucket, "resume.bin", path + ".back"));
    }

    [Fact]
    public async Task PartStoredButMissingFromCheckpoint_IsRecognisedByItsMd5AndNotSentAgain()
    {
        var (bucket, path, checkpoint, paused) = await PausedUploadAsync("lost.bin", seed: 4);
        using var s3 = server.CreateTransferS3();
        var onServer = await S3Inspect.SettledPartCountAsync(s3, bucket, "lost.bin", paused.UploadId);
        // As if the process died between the server's answer and the checkpoint write.
        await CheckpointFile.SaveAsync(checkpoint, paused with { Parts = [] }, CancellationToken.None);

        var result = await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "lost.bin", Options(checkpoint));

        Assert.Equal(onServer, result.PartsSkipped);
        TestFiles.AssertIdentical(path, await S3Inspect.GetFileAsync(s3, bucket, "lost.bin", path + ".back"));
    }

    [Fact]
    public async Task VanishedUpload_StartsOver()
    {
        var (bucket, path, checkpoint, paused) = await PausedUploadAsync("gone.bin", seed: 5);
        using var s3 = server.CreateTransferS3();
        await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = "gone.bin", UploadId = paused.UploadId });

        var result = await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "gone.bin", Options(checkpoint));

        Assert.False(result.Resumed);
        Assert.Contains("no longer exists", result.StartedOverReason, StringComparison.Ordinal);
        Assert.Equal(0, result.PartsSkipped);
        TestFiles.AssertIdentical(path, await S3Inspect.GetFileAsync(s3, bucket, "gone.bin", path + ".back"));
    }

    [Fact]
    public async Task ChangedSource_StartsOverAndAbortsTheStaleUpload()
    {
        var (bucket, path, checkpoint, paused) = await PausedUploadAsync("changed.bin", seed: 6);
        TestFiles.Create(Path.GetDirectoryName(path)!, Path.GetFileName(path), 12 * MiB, seed: 60);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        using var s3 = server.CreateTransferS3();

        var result = await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "changed.bin", Options(checkpoint));

        Assert.Contains("source changed", result.StartedOverReason, StringComparison.Ordinal);
        Assert.Equal(0, result.PartsSkipped);
        Assert.DoesNotContain(await S3Inspect.UploadsAsync(s3, bucket), u => u.UploadId == paused.UploadId);
        Assert.Empty(await S3Inspect.UploadsAsync(s3, bucket));
        TestFiles.AssertIdentical(path, await S3Inspect.GetFileAsync(s3, bucket, "changed.bin", path + ".back"));
    }

    [Fact]
    public async Task SeekableFileStream_IsUploadedInPartsFromItsPosition()
    {
        var bucket = await server.CreateBucketAsync();
        var path = TestFiles.Create(server.NewFolder("src"), "fs.bin", 3 * MiB, seed: 7);
        using var s3 = server.CreateTransferS3();
        await using var stream = File.OpenRead(path);
        stream.Position = 1000;
        var result = await new CairnTransferClient(s3).UploadStreamAsync(stream, bucket, "fs.bin", new TransferOptions { PartSize = MiB });
        Assert.Equal(3, result.PartsTotal);
        Assert.Equal((await File.ReadAllBytesAsync(path))[1000..], await S3Inspect.GetBytesAsync(s3, bucket, "fs.bin"));
    }

    private static TransferOptions Options(string checkpoint, IProgress<Progress.TransferProgress>? progress = null) =>
        new() { PartSize = MiB, Concurrency = 2, CheckpointPath = checkpoint, Retry = FastRetry, Progress = progress };

    /// <summary>Starts a 12-part upload and pauses it (cancels) after at least 4 parts finished.</summary>
    private async Task<(string Bucket, string Path, string Checkpoint, UploadCheckpoint Paused)> PausedUploadAsync(string name, int seed)
    {
        var bucket = await server.CreateBucketAsync();
        var path = TestFiles.Create(server.NewFolder("src"), name, 12 * MiB, seed);
        var checkpoint = Path.Combine(server.NewFolder("cp"), name + ".json");
        using var s3 = server.CreateTransferS3();
        using var pause = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CairnTransferClient(s3).UploadFileAsync(
            path, bucket, name, Options(checkpoint, CallbackProgress.PauseAfter(4, pause)), pause.Token));
        var paused = CheckpointFile.Load<UploadCheckpoint>(checkpoint);
        Assert.NotNull(paused);
        Assert.True(paused.Parts.Count >= 4, $"checkpoint has {paused.Parts.Count} parts");
        return (bucket, path, checkpoint, paused);
    }
}
