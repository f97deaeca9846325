using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// aws cli's <c>s3api put-bucket-lifecycle-configuration</c> / <c>get-bucket-lifecycle-configuration</c> /
/// <c>delete-bucket-lifecycle</c> against a real Cairn: what it sends (Content-MD5 in 1.x, a CRC32 checksum in newer
/// releases) is accepted and the rules read back as written.
/// </summary>
public sealed class LifecycleAwsCliTests : IClassFixture<CairnServerFixture>, IDisposable
{
    private const string Rules = """
        {"Rules": [
          {"ID": "abort stale uploads", "Filter": {"Prefix": "uploads/"}, "Status": "Enabled",
           "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}},
          {"ID": "expire-logs", "Filter": {"And": {"Prefix": "logs/", "Tags": [{"Key": "tier", "Value": "cold"}]}}, "Status": "Disabled",
           "Expiration": {"Days": 30}}
        ]}
        """;

    private readonly CairnServerFixture _server;
    private readonly ITestOutputHelper _output;
    private readonly AwsClientEnvironment _environment;

    public LifecycleAwsCliTests(CairnServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        _environment = new AwsClientEnvironment(server.AccessKey, server.SecretKey);
    }

    public static TheoryData<string> AwsExecutables() => AwsCliTests.AwsExecutables();

    [SkippableTheory]
    [MemberData(nameof(AwsExecutables))]
    public async Task Rules_put_with_aws_cli_read_back_and_are_deleted(string aws)
    {
        var exe = ExternalTool.Require(aws);
        var bucket = "lc-cli-" + Guid.NewGuid().ToString("N")[..12];
        using (var s3 = _server.CreateClient())
        {
            await s3.PutBucketAsync(bucket);
        }

        var file = Path.Combine(_environment.Root, "lifecycle.json");
        await File.WriteAllTextAsync(file, Rules);

        await AwsAsync(exe, "s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket, "--lifecycle-configuration", "file://" + file);
        var read = await AwsAsync(exe, "s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket);

        using (var json = JsonDocument.Parse(read.StandardOutput))
        {
            var rules = json.RootElement.GetProperty("Rules");
            Assert.Equal(2, rules.GetArrayLength());
            Assert.Equal("abort stale uploads", rules[0].GetProperty("ID").GetString());
            Assert.Equal("uploads/", rules[0].GetProperty("Filter").GetProperty("Prefix").GetString());
            Assert.Equal(1, rules[0].GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32());
            Assert.Equal("Disabled", rules[1].GetProperty("Status").GetString());
            var and = rules[1].GetProperty("Filter").GetProperty("And");
            Assert.Equal("logs/", and.GetProperty("Prefix").GetString());
            Assert.Equal("cold", and.GetProperty("Tags")[0].GetProperty("Value").GetString());
            Assert.Equal(30, rules[1].GetProperty("Expiration").GetProperty("Days").GetInt32());
        }

        await AwsAsync(exe, "s3api", "delete-bucket-lifecycle", "--bucket", bucket);
        var gone = await RunAsync(exe, "s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket);
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NoSuchLifecycleConfiguration", gone.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _environment.Dispose();

    private async Task<ProcessResult> AwsAsync(string exe, params string[] arguments) =>
        (await RunAsync(exe, arguments)).EnsureSuccess($"aws {string.Join(' ', arguments.Take(2))}");

    private async Task<ProcessResult> RunAsync(string exe, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(
            exe,
            [.. arguments, "--endpoint-url", _server.BaseAddress.ToString().TrimEnd('/'), "--output", "json"],
            _environment.Variables,
            _environment.Root,
            TimeSpan.FromMinutes(2));
        _output.WriteLine($"$ {result.CommandLine} -> exit {result.ExitCode}\n{result.StandardError}");
        return result;
    }
}
