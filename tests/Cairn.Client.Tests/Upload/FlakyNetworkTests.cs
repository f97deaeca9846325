using Cairn.Client.Retry;
using Cairn.Client.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.Client.Tests.Upload;

/// <summary>
/// Transfers through a proxy that resets some connections after a random number of bytes (mid-request and
/// mid-response) or answers 503 SlowDown: they must still finish, correct, through the library's own retries.
/// </summary>
public sealed class FlakyNetworkTests(CairnServerFixture server, ITestOutputHelper output) : IClassFixture<CairnServerFixture>
{
    private const long MiB = TestFiles.MiB;

    // Cuts inside request bodies (below the 1 MiB part size) are sometimes retried by HttpClient itself on a
    // fresh connection; cuts inside responses (ResponseCutProbability) never are, so the library must retry.
    private static readonly (int, int) CutRange = (2 * 1024, 900 * 1024);

    private static readonly RetryPolicy PatientFastRetry = new() { MaxAttempts = 15, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task Upload_CompletesThroughConnectionResetsAndSlowDowns()
    {
        var bucket = await server.CreateBucketAsync();
        var path = TestFiles.Create(server.NewFolder("src"), "flaky.bin", 24 * MiB, seed: 21);
        await using var proxy = new TcpProxy(server.BaseAddress, seed: 21) { CutProbability = 0.3, CutAfterBytes = CutRange, ResponseCutProbability = 0.3, SlowDownProbability = 0.1 };
        var retries = new List<RetryEvent>();
        using var s3 = server.CreateTransferS3(proxy.Address);

        var result = await new CairnTransferClient(s3).UploadFileAsync(path, bucket, "flaky.bin", new TransferOptions
        {
            PartSize = MiB,
            Concurrency = 4,
            Retry = PatientFastRetry,
            CheckpointPath = Path.Combine(server.NewFolder("cp"), "flaky.json"),
            OnRetry = e => { lock (retries) { retries.Add(e); } },
        });

        output.WriteLine($"{proxy.Connections} connections, {proxy.Cuts} cut, {proxy.SlowDowns} SlowDown, {result.Retries} retries");
        Assert.True(proxy.Cuts > 0, "The proxy cut no connection; the test proved nothing.");
        Assert.True(proxy.SlowDowns > 0, "The proxy sent no SlowDown.");
        Assert.Contains(retries, r => r.Error is Amazon.S3.AmazonS3Exception { ErrorCode: "SlowDown" });
        Assert.Contains(retries, r => r.Error is not Amazon.S3.AmazonS3Exception { ErrorCode: "SlowDown" });
        using var direct = server.CreateTransferS3();
        TestFiles.AssertIdentical(path, await S3Inspect.GetFileAsync(direct, bucket, "flaky.bin", path + ".back"));
        Assert.Empty(await S3Inspect.UploadsAsync(direct, bucket));
    }

    [Fact]
    public async Task StreamingUpload_ResendsBufferedPartsAfterResets()
    {
        var bucket = await server.CreateBucketAsync();
        var data = TestFiles.Bytes(10 * (int)MiB, seed: 22);
        await using var proxy = new TcpProxy(server.BaseAddress, seed: 22) { CutProbability = 0.3, CutAfterBytes = CutRange, ResponseCutProbability = 0.3 };
        using var s3 = server.CreateTransferS3(proxy.Address);
        var result = await new CairnTransferClient(s3).UploadStreamAsync(new NonSeekableStream(new MemoryStream(data)), bucket, "stream",
            new TransferOptions { PartSize = MiB, Retry = PatientFastRetry });
        Assert.True(proxy.Cuts > 0);
        Assert.True(result.Retries > 0);
        using var direct = server.CreateTransferS3();
        Assert.Equal(data, await S3Inspect.GetBytesAsync(direct, bucket, "stream"));
        output.WriteLine($"{proxy.Cuts} cuts, {result.Retries} retries");
    }

    [Fact]
    public async Task Download_CompletesThroughConnectionResets()
    {
        var bucket = await server.CreateBucketAsync();
        var path = TestFiles.Create(server.NewFolder("src"), "down.bin", 24 * MiB, seed: 23);
        using (var direct = server.CreateTransferS3())
        {
            await new CairnTransferClient(direct).UploadFileAsync(path, bucket, "down.bin", new TransferOptions { PartSize = 4 * MiB });
        }

        await using var proxy = new TcpProxy(server.BaseAddress, seed: 23) { CutProbability = 0.5, CutAfterBytes = CutRange };
        using var s3 = server.CreateTransferS3(proxy.Address);
        var target = Path.Combine(server.NewFolder("dst"), "down.bin");
        var result = await new CairnTransferClient(s3).DownloadFileAsync(bucket, "down.bin", target,
            new TransferOptions { PartSize = MiB, Retry = PatientFastRetry, CheckpointPath = target + ".json" });
        output.WriteLine($"{proxy.Cuts} cuts, {result.Retries} retries, verified by {result.Verification}");
        Assert.True(proxy.Cuts > 0);
        Assert.True(result.Retries > 0);
        Assert.Equal("md5-of-md5s", result.Verification);
        TestFiles.AssertIdentical(path, target);
    }
}
