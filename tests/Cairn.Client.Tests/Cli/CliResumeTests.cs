using Cairn.Client.Checkpoints;
using Cairn.Client.Download;
using Cairn.Client.Tests.Infrastructure;
using Cairn.Client.Upload;
using Cairn.Tests.Shared;
using Xunit.Abstractions;

namespace Cairn.Client.Tests.Cli;

/// <summary>
/// Interrupted <c>cairn cp</c> runs: SIGKILL in the middle of an upload or a download, Ctrl-C, and a source file
/// changed between runs. The transfer runs through a throttling proxy so that "the middle" is reliably reached;
/// the proxy also counts UploadPart request lines, to prove stored parts are not sent again.
/// </summary>
public sealed class CliResumeTests(CairnServerFixture server, ITestOutputHelper output) : IClassFixture<CairnServerFixture>
{
    private const long MiB = TestFiles.MiB;
    private const int Parts = 48;

    [Fact]
    public async Task KilledUpload_ResumesWithoutResendingStoredParts_AndIsByteIdentical()
    {
        var bucket = await server.CreateBucketAsync();
        var source = TestFiles.Create(server.NewFolder("src"), "big.bin", Parts * MiB, seed: 51);
        await using var proxy = new TcpProxy(server.BaseAddress) { BytesPerSecond = 12 * MiB };
        var partRequests = proxy.Watch($"PUT /{bucket}/big.bin?partNumber=");
        var environment = CliEnvironment.For(server, proxy.Address);
        string[] command = ["cp", source, $"s3://{bucket}/big.bin", "--part-size", "1MiB", "--concurrency", "4", "--json"];

        var killed = await KillWhenAsync<UploadCheckpoint>(environment, command, c => c.Parts.Count >= 8);
        proxy.BytesPerSecond = null;
        using var s3 = server.CreateClient();
        var uploads = await S3Inspect.UploadsAsync(s3, bucket);
        var upload = Assert.Single(uploads);
        Assert.Equal(killed.UploadId, upload.UploadId);
        var stored = await S3Inspect.SettledPartCountAsync(s3, bucket, "big.bin", upload.UploadId);
        Assert.InRange(stored, killed.Parts.Count, Parts - 1);
        var sentBefore = partRequests();

        var resumed = await CliProcess.RunAsync(environment, command);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var transfer = resumed.Transfer;
        output.WriteLine($"killed with {killed.Parts.Count} parts checkpointed, {stored} stored; second run: {transfer}");
        Assert.True(transfer.GetProperty("resumed").GetBoolean());
        Assert.Equal(stored, transfer.GetProperty("partsSkipped").GetInt32());
        Assert.Equal(Parts - stored, transfer.GetProperty("partsUploaded").GetInt32());
        Assert.Equal(Parts - stored, partRequests() - sentBefore);
        Assert.Empty(await S3Inspect.UploadsAsync(s3, bucket));
        TestFiles.AssertIdentical(source, await S3Inspect.GetFileAsync(s3, bucket, "big.bin", source + ".back"));
        Assert.Empty(Directory.GetFiles(environment.CheckpointDirectory, "*.json"));
    }

    [Fact]
    public async Task ChangedSourceBetweenRuns_StartsAFreshUploadAndAbortsTheStaleOne()
    {
        var bucket = await server.CreateBucketAsync();
        var folder = server.NewFolder("src");
        var source = TestFiles.Create(folder, "data.bin", 24 * MiB, seed: 52);
        await using var proxy = new TcpProxy(server.BaseAddress) { BytesPerSecond = 12 * MiB };
        var environment = CliEnvironment.For(server, proxy.Address);
        string[] command = ["cp", source, $"s3://{bucket}/data.bin", "--part-size", "1MiB", "--json"];
        var killed = await KillWhenAsync<UploadCheckpoint>(environment, command, c => c.Parts.Count >= 4);

        TestFiles.Create(folder, "data.bin", 20 * MiB, seed: 520);
        proxy.BytesPerSecond = null;
        var rerun = await CliProcess.RunAsync(environment, command);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("source changed", rerun.Transfer.GetProperty("startedOverReason").GetString(), StringComparison.Ordinal);
        Assert.Contains(killed.UploadId, rerun.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, rerun.Transfer.GetProperty("partsSkipped").GetInt32());
        using var s3 = server.CreateClient();
        Assert.Empty(await S3Inspect.UploadsAsync(s3, bucket));
        TestFiles.AssertIdentical(source, await S3Inspect.GetFileAsync(s3, bucket, "data.bin", source + ".back"));
    }

    [Fact]
    public async Task KilledDownload_ResumesFromItsCheckpoint_AndIsVerified()
    {
        var bucket = await server.CreateBucketAsync();
        var source = TestFiles.Create(server.NewFolder("src"), "down.bin", Parts * MiB, seed: 53);
        using (var direct = server.CreateTransferS3())
        {
            await new CairnTransferClient(direct).UploadFileAsync(source, bucket, "down.bin", new TransferOptions { PartSize = MiB });
        }

        await using var proxy = new TcpProxy(server.BaseAddress) { BytesPerSecond = 12 * MiB };
        var environment = CliEnvironment.For(server, proxy.Address);
        var target = Path.Combine(server.NewFolder("dst"), "down.bin");
        string[] command = ["cp", $"s3://{bucket}/down.bin", target, "--part-size", "1MiB", "--json"];

        var killed = await KillWhenAsync<DownloadCheckpoint>(environment, command, c => c.DoneRanges.Count >= 8);
        Assert.False(File.Exists(target));
        proxy.BytesPerSecond = null;
        var resumed = await CliProcess.RunAsync(environment, command);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var transfer = resumed.Transfer;
        output.WriteLine($"killed with {killed.DoneRanges.Count} ranges done; second run: {transfer}");
        Assert.True(transfer.GetProperty("resumed").GetBoolean());
        Assert.InRange(transfer.GetProperty("rangesSkipped").GetInt32(), killed.DoneRanges.Count, Parts - 1);
        Assert.Equal("md5-of-md5s", transfer.GetProperty("verification").GetString());
        TestFiles.AssertIdentical(source, target);
    }

    [Fact]
    public async Task CtrlC_PausesWithCheckpointAndResumeHint_AndTheSameCommandResumes()
    {
        var bucket = await server.CreateBucketAsync();
        var source = TestFiles.Create(server.NewFolder("src"), "pause.bin", 24 * MiB, seed: 54);
        await using var proxy = new TcpProxy(server.BaseAddress) { BytesPerSecond = 8 * MiB };
        var environment = CliEnvironment.For(server, proxy.Address);
        var checkpoints = server.NewFolder("checkpoints");
        string[] command = ["cp", source, $"s3://{bucket}/pause.bin", "--part-size", "1MiB", "--checkpoint-dir", checkpoints];

        using (var cli = CliProcess.Start(environment, command))
        {
            await WaitForCheckpointAsync<UploadCheckpoint>(checkpoints, c => c.Parts.Count >= 3, cli);
            cli.Interrupt();
            var paused = await cli.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(paused.ExitCode == 130, paused.ToString());
            Assert.Contains("run the same command again", paused.Stderr, StringComparison.Ordinal);
        }

        var checkpoint = CheckpointFile.Load<UploadCheckpoint>(Directory.GetFiles(checkpoints, "*.json").Single())!;
        using var s3 = server.CreateClient();
        Assert.Contains(await S3Inspect.UploadsAsync(s3, bucket), u => u.UploadId == checkpoint.UploadId);

        proxy.BytesPerSecond = null;
        var resumed = await CliProcess.RunAsync(environment, [.. command, "--json"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(resumed.Transfer.GetProperty("partsSkipped").GetInt32() >= checkpoint.Parts.Count);
        TestFiles.AssertIdentical(source, await S3Inspect.GetFileAsync(s3, bucket, "pause.bin", source + ".back"));
    }

    /// <summary>Starts the CLI, SIGKILLs it once its checkpoint satisfies <paramref name="ready"/>, returns that checkpoint.</summary>
    private static async Task<T> KillWhenAsync<T>(CliEnvironment environment, string[] command, Func<T, bool> ready)
        where T : class
    {
        using var cli = CliProcess.Start(environment, command);
        await WaitForCheckpointAsync(environment.CheckpointDirectory, ready, cli);
        cli.Kill();
        await cli.WaitAsync(TimeSpan.FromSeconds(10));
        var path = Assert.Single(Directory.GetFiles(environment.CheckpointDirectory, "*.json"));
        return CheckpointFile.Load<T>(path)!;
    }

    private static Task WaitForCheckpointAsync<T>(string folder, Func<T, bool> ready, CliProcess cli)
        where T : class =>
        Eventually.TrueAsync(
            () =>
            {
                Assert.False(cli.HasExited, "The CLI finished before it could be interrupted.\n" + cli.Output);
                var path = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").FirstOrDefault() : null;
                return CheckpointFile.Load<T>(path) is { } checkpoint && ready(checkpoint);
            },
            TimeSpan.FromSeconds(60),
            () => "The checkpoint never reached the expected state.\n" + cli.Output);
}
