using System.Globalization;
using Amazon.S3.Model;
using Cairn.Client.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.Client.Tests.Cli;

/// <summary><c>cairn cp</c> as a child process: the large-file round trip, stdin/stdout, and folders.</summary>
public sealed class CliCopyTests(CairnServerFixture server, ITestOutputHelper output) : IClassFixture<CairnServerFixture>
{
    private const long MiB = TestFiles.MiB;

    [Fact]
    public async Task Upload256MiB_With8MiBPartsAnd4InFlight_IsByteIdenticalOnDownload()
    {
        var bucket = await server.CreateBucketAsync();
        var folder = server.NewFolder("big");
        var source = TestFiles.Create(folder, "big.bin", 256 * MiB, seed: 41);
        var environment = CliEnvironment.For(server);

        var upload = await CliProcess.RunAsync(environment, ["cp", source, $"s3://{bucket}/big.bin", "--part-size", "8MiB", "--concurrency", "4", "--json"]);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        var sent = upload.Transfer;
        Assert.True(sent.GetProperty("multipart").GetBoolean());
        Assert.Equal(8 * MiB, sent.GetProperty("partSize").GetInt64());
        Assert.Equal(32, sent.GetProperty("partsTotal").GetInt32());
        Assert.Equal(32, sent.GetProperty("partsUploaded").GetInt32());
        Assert.EndsWith("-32", sent.GetProperty("eTag").GetString(), StringComparison.Ordinal);

        var target = Path.Combine(folder, "big.back");
        var download = await CliProcess.RunAsync(environment, ["cp", $"s3://{bucket}/big.bin", target, "--concurrency", "4", "--json"]);
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Equal("md5-of-md5s", download.Transfer.GetProperty("verification").GetString());
        TestFiles.AssertIdentical(source, target);

        var up = sent.GetProperty("bytesPerSecond").GetDouble() / MiB;
        var down = download.Transfer.GetProperty("bytesPerSecond").GetDouble() / MiB;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"256 MiB upload: {sent.GetProperty("seconds").GetDouble():0.00} s = {up:0.0} MiB/s; download: {download.Transfer.GetProperty("seconds").GetDouble():0.00} s = {down:0.0} MiB/s"));
    }

    [Fact]
    public async Task PipedStdinOfUnknownSize_IsUploadedInParts()
    {
        var bucket = await server.CreateBucketAsync();
        var source = TestFiles.Create(server.NewFolder("pipe"), "bigfile", 40 * MiB, seed: 42);
        var result = await CliProcess.RunShellAsync(CliEnvironment.For(server),
            $"cat '{source}' | cairn cp - s3://{bucket}/piped --part-size 5MiB --json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Transfer.GetProperty("multipart").GetBoolean());
        Assert.Equal(8, result.Transfer.GetProperty("partsTotal").GetInt32());
        using var s3 = server.CreateClient();
        TestFiles.AssertIdentical(source, await S3Inspect.GetFileAsync(s3, bucket, "piped", source + ".back"));
    }

    [Fact]
    public async Task FiftyBytesOnStdin_IsOnePutObject_AndStdoutDownloadReturnsThem()
    {
        var bucket = await server.CreateBucketAsync();
        var folder = server.NewFolder("tiny");
        var source = Path.Combine(folder, "fifty");
        await File.WriteAllBytesAsync(source, TestFiles.Bytes(50, seed: 43));
        var environment = CliEnvironment.For(server);

        var up = await CliProcess.RunShellAsync(environment, $"cat '{source}' | cairn cp - s3://{bucket}/fifty --json");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.False(up.Transfer.GetProperty("multipart").GetBoolean());
        Assert.Equal(50, up.Transfer.GetProperty("size").GetInt64());

        var back = Path.Combine(folder, "back");
        var down = await CliProcess.RunShellAsync(environment, $"cairn cp s3://{bucket}/fifty - > '{back}'");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(source), await File.ReadAllBytesAsync(back));
        Assert.Contains("verified: md5", down.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecursiveCopy_UploadsAFolderAndDownloadsItBack()
    {
        var bucket = await server.CreateBucketAsync();
        var root = server.NewFolder("tree");
        Directory.CreateDirectory(Path.Combine(root, "sub", "deeper"));
        TestFiles.Create(root, "a.txt", 10, seed: 44);
        TestFiles.Create(Path.Combine(root, "sub"), "b.bin", 300 * 1024, seed: 45);
        TestFiles.Create(Path.Combine(root, "sub", "deeper"), "c.bin", (2 * MiB) + 1, seed: 46);
        var environment = CliEnvironment.For(server);

        var up = await CliProcess.RunAsync(environment, ["cp", root, $"s3://{bucket}/backup/", "--recursive", "--part-size", "1MiB", "--json"]);
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(3, up.Json.GetProperty("transfers").GetArrayLength());

        var list = await CliProcess.RunAsync(environment, ["ls", $"s3://{bucket}/backup/", "--recursive", "--json"]);
        Assert.Equal(
            ["backup/a.txt", "backup/sub/b.bin", "backup/sub/deeper/c.bin"],
            list.Json.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("key").GetString()));

        var copy = server.NewFolder("copy");
        var down = await CliProcess.RunAsync(environment, ["cp", $"s3://{bucket}/backup", copy, "--recursive"]);
        Assert.True(down.ExitCode == 0, down.ToString());
        foreach (var file in new[] { "a.txt", Path.Combine("sub", "b.bin"), Path.Combine("sub", "deeper", "c.bin") })
        {
            TestFiles.AssertIdentical(Path.Combine(root, file), Path.Combine(copy, file));
        }

        var folderWithoutFlag = await CliProcess.RunAsync(environment, ["cp", root, $"s3://{bucket}/x/"]);
        Assert.Equal(2, folderWithoutFlag.ExitCode);
    }

    [Fact]
    public async Task RecursiveDownload_SkippingUnsafeKeys_CopiesTheRestAndExitsWithTwo()
    {
        var bucket = await server.CreateBucketAsync();
        using var s3 = server.CreateClient();
        foreach (var key in new[] { "tree/ok.txt", "tree/sub/fine.txt", "tree/../escape.txt", "tree/a//b.txt" })
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
        }

        // An empty folder marker holds nothing to copy: neither a warning nor a reason to fail.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "tree/empty/", ContentBody = string.Empty });
        var parent = server.NewFolder("unsafe");
        var copy = Path.Combine(parent, "copy");

        var result = await CliProcess.RunAsync(CliEnvironment.For(server), ["cp", $"s3://{bucket}/tree", copy, "--recursive", "--json"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("tree/ok.txt", await File.ReadAllTextAsync(Path.Combine(copy, "ok.txt")));
        Assert.Equal("tree/sub/fine.txt", await File.ReadAllTextAsync(Path.Combine(copy, "sub", "fine.txt")));
        Assert.Equal(2, result.Json.GetProperty("transfers").GetArrayLength());
        Assert.Equal(
            [$"s3://{bucket}/tree/../escape.txt", $"s3://{bucket}/tree/a//b.txt"],
            result.Json.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("path").GetString()));
        Assert.Contains($"cairn: warning: skipping s3://{bucket}/tree/../escape.txt: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("tree/empty/", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(parent, "escape.txt")), "A '..' key must not be written outside the destination.");
    }

    [Fact]
    public async Task RecursiveUpload_SkippingABrokenLink_CopiesTheRestAndExitsWithTwo()
    {
        var bucket = await server.CreateBucketAsync();
        var root = server.NewFolder("links");
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        TestFiles.Create(root, "a.txt", 100, seed: 47);
        TestFiles.Create(Path.Combine(root, "sub"), "b.txt", 200, seed: 48);
        var dangling = Path.Combine(root, "sub", "dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(root, "nowhere"));

        var result = await CliProcess.RunAsync(CliEnvironment.For(server), ["cp", root, $"s3://{bucket}/up/", "--recursive"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"cairn: warning: skipping {dangling}: broken link to ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["up/a.txt", "up/sub/b.txt"], await KeysAsync(bucket));
    }

    [Fact]
    public async Task RecursiveUpload_LinkToAnEnclosingFolder_IsSkippedInsteadOfFollowedForever()
    {
        var bucket = await server.CreateBucketAsync();
        var root = server.NewFolder("loop");
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        TestFiles.Create(Path.Combine(root, "sub"), "c.txt", 300, seed: 49);
        var loop = Path.Combine(root, "sub", "back-to-top");
        Directory.CreateSymbolicLink(loop, root);

        var result = await CliProcess.RunAsync(CliEnvironment.For(server), ["cp", root, $"s3://{bucket}/up/", "--recursive"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"cairn: warning: skipping {loop}: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["up/sub/c.txt"], await KeysAsync(bucket));
    }

    [Fact]
    public async Task PlainProgress_CountsOnlyAcknowledgedParts()
    {
        var bucket = await server.CreateBucketAsync();
        var source = TestFiles.Create(server.NewFolder("progress"), "p.bin", 8 * MiB, seed: 63);
        // Throttled, so that progress lines (one per 2 s) fall in the middle of the upload; the SDK hands a part's
        // whole body to the socket at once, long before the server acknowledges it. The throttle starts with the
        // upload: counted from the proxy's start, the CLI's start-up time would let the first MiBs through at once.
        await using var proxy = new TcpProxy(server.BaseAddress);
        proxy.Watch($"POST /{bucket}/p.bin?uploads", () => proxy.BytesPerSecond = 2 * MiB);

        var result = await CliProcess.RunAsync(CliEnvironment.For(server, proxy.Address),
            ["cp", source, $"s3://{bucket}/p.bin", "--part-size", "1MiB", "--concurrency", "4"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stderr.Split('\n').Where(l => l.StartsWith("p.bin → ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 3, result.ToString());
        // Done is always a whole number of 1 MiB parts; what is being sent shows apart.
        Assert.All(lines, l => Assert.Matches(@": (0 B|\d+\.0 MiB) / 8\.0 MiB \(\d+%\) done, \d+/8 parts, ", l));
        Assert.Contains(lines, l => l.EndsWith(" in flight", StringComparison.Ordinal));
        Assert.Contains(": 8.0 MiB / 8.0 MiB (100%) done, 8/8 parts", lines[^1], StringComparison.Ordinal);
    }

    private async Task<List<string?>> KeysAsync(string bucket)
    {
        using var s3 = server.CreateClient();
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        return [.. (listing.S3Objects ?? []).Select(o => o.Key)];
    }
}
