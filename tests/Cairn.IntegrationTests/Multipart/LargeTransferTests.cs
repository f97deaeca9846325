using System.Collections;
using System.Security.Cryptography;
using Amazon.S3.Transfer;
using Cairn.IntegrationTests.Clients;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// 200 MiB files through the high-level clients people actually use: the SDK's TransferUtility and
/// <c>aws s3 cp</c>, both splitting into 8 MiB parts, up and down, compared by hash.
/// </summary>
[Collection(MultipartHeavyCollection.Name)]
public sealed class LargeTransferTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    private const long FileSize = 200L * 1024 * 1024;
    private const long PartSize = 8L * 1024 * 1024;
    private const int ExpectedParts = (int)(FileSize / PartSize);

    private readonly ITestOutputHelper _output;
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "cairn-mpu-" + Guid.NewGuid().ToString("N")[..12]);

    public LargeTransferTests(CairnServerFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _output = output;
        Directory.CreateDirectory(_scratch);
    }

    [Fact]
    public async Task TransferUtility_200MiBFileIn8MiBParts_UploadsAndDownloadsByteIdentical()
    {
        var bucket = await CreateBucketAsync("mpu-transfer");
        const string key = "large/transfer-utility.bin";
        var source = await WriteSourceFileAsync("source.bin", seed: 0x7A11);
        var target = Path.Combine(_scratch, "downloaded.bin");

        using var client = Fixture.CreateClient(c => c.Timeout = TimeSpan.FromMinutes(5));
        using var transfer = new TransferUtility(client);
        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = bucket,
            Key = key,
            FilePath = source,
            PartSize = PartSize,
        });

        var head = await client.GetObjectMetadataAsync(bucket, key);
        Assert.Equal(FileSize, head.ContentLength);
        Assert.EndsWith($"-{ExpectedParts}\"", head.ETag);
        Assert.Equal(ExpectedMultipartETag(FileParts(source)), head.ETag);

        await transfer.DownloadAsync(new TransferUtilityDownloadRequest { BucketName = bucket, Key = key, FilePath = target });
        Assert.Equal(FileSize, new FileInfo(target).Length);
        Assert.Equal(await Sha256FileAsync(source), await Sha256FileAsync(target));
    }

    /// <summary>The first <c>aws</c> on PATH, plus the distribution's <c>/usr/bin/aws</c> when that is another program.</summary>
    public static TheoryData<string> AwsExecutables()
    {
        var data = new TheoryData<string>();
        var onPath = ExternalTool.Find("aws");
        data.Add(onPath ?? "aws"); // "aws" alone: Require() skips, or fails under CI
        const string system = "/usr/bin/aws";
        if (File.Exists(system) && (onPath is null || Path.GetFullPath(onPath) != system) && ExternalTool.Find(system) is not null)
        {
            data.Add(system);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(AwsExecutables))]
    public async Task AwsCliCp_200MiBFileIn8MiBParts_UploadsAndDownloadsByteIdentical(string executable)
    {
        var aws = ExternalTool.Require(executable);
        var bucket = await CreateBucketAsync("mpu-awscli");
        const string key = "large/aws-cli.bin";
        var source = await WriteSourceFileAsync("cli-source.bin", seed: 0xA75C);
        var target = Path.Combine(_scratch, "cli-downloaded.bin");
        var environment = AwsCliEnvironment();
        var version = await ExternalTool.RunAsync(aws, ["--version"], environment);
        _output.WriteLine($"{aws}: {version.StandardOutput.Trim()} {version.StandardError.Trim()}");

        var endpoint = Fixture.BaseAddress.ToString().TrimEnd('/');
        (await ExternalTool.RunAsync(
            aws, ["s3", "cp", source, $"s3://{bucket}/{key}", "--endpoint-url", endpoint, "--no-progress"], environment, timeout: TimeSpan.FromMinutes(5)))
            .EnsureSuccess("aws s3 cp (upload)");

        var head = await S3.GetObjectMetadataAsync(bucket, key);
        Assert.Equal(FileSize, head.ContentLength);
        Assert.Equal(ExpectedMultipartETag(FileParts(source)), head.ETag);

        (await ExternalTool.RunAsync(
            aws, ["s3", "cp", $"s3://{bucket}/{key}", target, "--endpoint-url", endpoint, "--no-progress"], environment, timeout: TimeSpan.FromMinutes(5)))
            .EnsureSuccess("aws s3 cp (download)");
        Assert.Equal(FileSize, new FileInfo(target).Length);
        Assert.Equal(await Sha256FileAsync(source), await Sha256FileAsync(target));
    }

    public override async Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }

        await base.DisposeAsync();
    }

    /// <summary>
    /// The aws cli's environment: credentials and region in variables, a temp config with 8 MB parts, 8 threads
    /// and path-style addressing; no inherited AWS_* variable (nor ~/.aws) changes its behaviour.
    /// </summary>
    private Dictionary<string, string?> AwsCliEnvironment()
    {
        var config = Path.Combine(_scratch, "aws-config");
        File.WriteAllText(config, "[default]\ns3 =\n    multipart_chunksize = 8MB\n    max_concurrent_requests = 8\n    addressing_style = path\n");
        var credentials = Path.Combine(_scratch, "aws-credentials");
        File.WriteAllText(credentials, string.Empty);

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase))
            {
                variables[name] = null;
            }
        }

        variables["AWS_ACCESS_KEY_ID"] = Fixture.AccessKey;
        variables["AWS_SECRET_ACCESS_KEY"] = Fixture.SecretKey;
        variables["AWS_DEFAULT_REGION"] = "us-east-1";
        variables["AWS_CONFIG_FILE"] = config;
        variables["AWS_SHARED_CREDENTIALS_FILE"] = credentials;
        variables["AWS_EC2_METADATA_DISABLED"] = "true";
        variables["AWS_PAGER"] = string.Empty;
        return variables;
    }

    private async Task<string> WriteSourceFileAsync(string name, ulong seed)
    {
        var path = Path.Combine(_scratch, name);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await using var content = new DeterministicStream(FileSize, seed);
        await content.CopyToAsync(file, 1 << 20);
        return path;
    }

    /// <summary>The file cut into the 8 MiB parts both clients use.</summary>
    private static IEnumerable<byte[]> FileParts(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[PartSize];
        while (true)
        {
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read == 0)
            {
                yield break;
            }

            yield return buffer.AsSpan(0, read).ToArray();
        }
    }

    private static async Task<string> Sha256FileAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }
}
