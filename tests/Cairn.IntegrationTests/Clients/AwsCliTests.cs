using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// The aws cli, with its default settings (only the endpoint and path-style addressing are set), against
/// a real Cairn. Runs with the first <c>aws</c> on PATH and, when it is a different program, with
/// <c>/usr/bin/aws</c> too (the distribution's aws cli v2 next to the pip-installed v1).
/// </summary>
public sealed class AwsCliTests : IClassFixture<CairnServerFixture>, IDisposable
{
    private const string SystemAws = "/usr/bin/aws";

    private static readonly TimeSpan SlowCommand = TimeSpan.FromSeconds(45);

    private readonly CairnServerFixture _server;
    private readonly ITestOutputHelper _output;
    private readonly AwsClientEnvironment _environment;

    public AwsCliTests(CairnServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        _environment = new AwsClientEnvironment(server.AccessKey, server.SecretKey);
    }

    /// <summary>The aws executables to test: the first on PATH, plus /usr/bin/aws when it is another program.</summary>
    public static TheoryData<string> AwsExecutables()
    {
        var data = new TheoryData<string>();
        var onPath = ExternalTool.Find("aws");
        if (onPath is not null)
        {
            data.Add(onPath);
        }

        if (File.Exists(SystemAws) && (onPath is null || !SameFile(onPath, SystemAws)))
        {
            data.Add(SystemAws);
        }

        if (data.Count == 0)
        {
            data.Add("aws"); // Require() then skips, or fails under CI.
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(AwsExecutables))]
    public async Task Cp_UpAndDown_Ls_And_HeadObject(string aws)
    {
        var exe = ExternalTool.Require(aws);
        await LogVersionAsync(exe);
        var bucket = NewBucketName();
        const string key = "big/five-mib.bin";
        var data = ClientTestSupport.RandomBytes(5 * 1024 * 1024, seed: 5);
        var upload = Path.Combine(_environment.Root, "five-mib.bin");
        await File.WriteAllBytesAsync(upload, data);

        await AwsAsync(exe, "s3", "mb", $"s3://{bucket}");
        await AwsAsync(exe, "s3", "cp", upload, $"s3://{bucket}/{key}");

        using (var s3 = _server.CreateClient())
        {
            var metadata = await s3.GetObjectMetadataAsync(bucket, key);
            Assert.Equal(data.Length, metadata.ContentLength);
        }

        var buckets = await AwsAsync(exe, "s3", "ls");
        Assert.True(
            Lines(buckets).Any(line => line.EndsWith(" " + bucket, StringComparison.Ordinal)),
            $"'aws s3 ls' does not list bucket {bucket}:\n{buckets.Describe()}");

        var top = await AwsAsync(exe, "s3", "ls", $"s3://{bucket}/");
        Assert.True(
            Lines(top).Any(line => line.Trim() == "PRE big/"),
            $"'aws s3 ls s3://{bucket}/' does not show the prefix big/:\n{top.Describe()}");

        var recursive = await AwsAsync(exe, "s3", "ls", $"s3://{bucket}/", "--recursive");
        Assert.True(
            Lines(recursive).Any(line => Regex.IsMatch(line, $@"\s{data.Length} {Regex.Escape(key)}$")),
            $"'aws s3 ls --recursive' does not show {key} with size {data.Length}:\n{recursive.Describe()}");

        var head = await AwsAsync(exe, "s3api", "head-object", "--bucket", bucket, "--key", key);
        using (var json = ParseJson(head))
        {
            var root = json.RootElement;
            Assert.True(root.TryGetProperty("ContentLength", out var length), $"No ContentLength:\n{head.Describe()}");
            Assert.Equal(data.Length, length.GetInt64());
            Assert.True(root.TryGetProperty("ETag", out var etag), $"No ETag:\n{head.Describe()}");
            Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(data))}\"", etag.GetString());
        }

        var download = Path.Combine(_environment.Root, "downloaded.bin");
        await AwsAsync(exe, "s3", "cp", $"s3://{bucket}/{key}", download);
        var downloaded = await File.ReadAllBytesAsync(download);
        Assert.Equal(data.Length, downloaded.Length);
        Assert.True(data.AsSpan().SequenceEqual(downloaded), "The downloaded file differs from the uploaded one.");
    }

    [SkippableTheory]
    [MemberData(nameof(AwsExecutables))]
    public async Task Sync_TreeUpAndDown_ThenRmRecursive_And_Rb(string aws)
    {
        var exe = ExternalTool.Require(aws);
        await LogVersionAsync(exe);
        var bucket = NewBucketName();
        var source = Path.Combine(_environment.Root, "source");
        var tree = WriteTree(source);
        await AwsAsync(exe, "s3", "mb", $"s3://{bucket}");

        await AwsAsync(exe, "s3", "sync", source, $"s3://{bucket}/tree/");

        using var s3 = _server.CreateClient();
        var listed = await ClientTestSupport.ListAllAsync(s3, bucket);
        var expected = tree.ToDictionary(file => "tree/" + file.Key, file => (long)file.Value.Length);
        Assert.Equal(
            expected.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"),
            listed.Select(o => $"{o.Key} {o.Size}"));

        // The local files are an hour older than the upload, so a second sync that finds sizes equal and
        // sane LastModified times has nothing to do.
        var again = await AwsAsync(exe, "s3", "sync", source, $"s3://{bucket}/tree/");
        Assert.False(
            again.StandardOutput.Contains("upload:", StringComparison.Ordinal),
            $"A second sync of an unchanged tree uploaded files again (size or LastModified differs):\n{again.Describe()}");

        var target = Path.Combine(_environment.Root, "target");
        Directory.CreateDirectory(target);
        await AwsAsync(exe, "s3", "sync", $"s3://{bucket}/tree/", target);
        var downloaded = ReadTree(target);
        Assert.Equal(tree.Keys.Order(StringComparer.Ordinal), downloaded.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in tree)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(downloaded[path]), $"Downloaded {path} differs from the uploaded file.");
        }

        await AwsAsync(exe, "s3", "rm", $"s3://{bucket}/", "--recursive");
        var left = await ClientTestSupport.ListAllAsync(s3, bucket);
        Assert.True(left.Count == 0, "Objects left after 'aws s3 rm --recursive': " + string.Join(", ", left.Select(o => o.Key)));

        await AwsAsync(exe, "s3", "rb", $"s3://{bucket}");
        var buckets = await s3.ListBucketsAsync();
        Assert.DoesNotContain(bucket, (buckets.Buckets ?? []).Select(b => b.BucketName));
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
        Assert.Equal("NoSuchBucket", gone.ErrorCode);
    }

    public void Dispose() => _environment.Dispose();

    private async Task<ProcessResult> AwsAsync(string exe, params string[] arguments)
    {
        var endpoint = _server.BaseAddress.ToString().TrimEnd('/');
        var result = await ExternalTool.RunAsync(
            exe,
            [.. arguments, "--endpoint-url", endpoint, "--output", "json"],
            _environment.Variables,
            _environment.Root,
            TimeSpan.FromMinutes(3));
        _output.WriteLine($"$ {result.CommandLine} -> exit {result.ExitCode} in {result.Elapsed.TotalSeconds:0.0}s");
        result.EnsureSuccess($"aws {string.Join(' ', arguments.Take(2))}");

        // Every command here moves a few MiB over loopback. One that takes longer than this sat out the
        // client's 60 s read timeout on a response it could not read, then retried: a real interop bug that a
        // passing retry would otherwise hide (see Boto3Tests.EmptyPutWithExpectContinue_ThenMorePuts_OnTheSameConnection).
        Assert.True(
            result.Elapsed < SlowCommand,
            $"aws {string.Join(' ', arguments.Take(2))} succeeded but took {result.Elapsed.TotalSeconds:0} s: a request " +
            $"most likely hit the client's 60 s read timeout and was retried.\n{result.Describe()}");
        return result;
    }

    private async Task LogVersionAsync(string exe)
    {
        var version = await ExternalTool.RunAsync(exe, ["--version"], _environment.Variables, _environment.Root);
        _output.WriteLine($"{exe}: {version.StandardOutput.Trim()} {version.StandardError.Trim()}");
    }

    /// <summary>Ten files in nested directories (one empty, names with a space and non-ASCII), dated an hour back.</summary>
    private static Dictionary<string, byte[]> WriteTree(string root)
    {
        string[] paths =
        [
            "top.txt",
            "a/one.bin",
            "a/two.txt",
            "a/b/three.bin",
            "a/b/c/four.txt",
            "a/b/c/d/five.bin",
            "notes/read me.txt",
            "notes/2026/été.txt",
            "empty/zero.bin",
            "data/large.bin",
        ];
        var tree = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var past = DateTime.UtcNow.AddHours(-1);
        for (var i = 0; i < paths.Length; i++)
        {
            var size = paths[i] switch
            {
                "empty/zero.bin" => 0,
                "data/large.bin" => 300 * 1024 + 17,
                _ => 1 + (i * 7919 % 20_000),
            };
            var bytes = ClientTestSupport.RandomBytes(size, seed: 100 + i);
            var full = Path.Combine(root, paths[i].Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
            File.SetLastWriteTimeUtc(full, past);
            tree[paths[i]] = bytes;
        }

        return tree;
    }

    private static Dictionary<string, byte[]> ReadTree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'),
            File.ReadAllBytes,
            StringComparer.Ordinal);

    private static JsonDocument ParseJson(ProcessResult result)
    {
        try
        {
            return JsonDocument.Parse(result.StandardOutput);
        }
        catch (JsonException e)
        {
            Assert.Fail($"Output is not JSON ({e.Message}):\n{result.Describe()}");
            throw;
        }
    }

    private static IEnumerable<string> Lines(ProcessResult result) =>
        result.StandardOutput.Split('\n').Select(line => line.TrimEnd('\r'));

    private static string NewBucketName() => "cli-" + Guid.NewGuid().ToString("N")[..16];

    private static bool SameFile(string a, string b)
    {
        static string Resolve(string path) =>
            new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

        return Resolve(a) == Resolve(b);
    }
}
