using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// Runs a short boto3 script against a test server and parses the JSON it prints last. The script gets
/// <c>endpoint</c> (argv[1]), an <c>s3</c> client with default settings and path-style addressing, and
/// <c>one(**config)</c>, a client with a single pooled connection and no retries, so that a poisoned connection
/// shows as an error instead of a silent retry. A missing python3 or boto3 skips locally and fails under CI.
/// </summary>
public sealed class Boto3Script : IDisposable
{
    private const string Prelude = """
        import json, sys
        import boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError

        endpoint = sys.argv[1]
        s3 = boto3.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))

        def one(**config):
            return boto3.client("s3", endpoint_url=endpoint, config=Config(
                s3={"addressing_style": "path"}, max_pool_connections=1, read_timeout=15,
                retries={"total_max_attempts": 1}, **config))

        def outcome(call):
            try:
                call()
                return "ok"
            except ClientError as e:
                return e.response["Error"]["Code"]
            except Exception as e:
                return f"{type(e).__name__}: {e}"

        """;

    private readonly CairnServerFixture _server;
    private readonly ITestOutputHelper _output;
    private readonly AwsClientEnvironment _environment;

    public Boto3Script(CairnServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        _environment = new AwsClientEnvironment(server.AccessKey, server.SecretKey);
    }

    /// <summary>Runs <paramref name="body"/> after the prelude with the extra <paramref name="arguments"/> (argv[2:]).</summary>
    public async Task<JsonElement> RunAsync(string body, params string[] arguments)
    {
        var python = await ExternalTool.RequirePythonModuleAsync("boto3");
        var file = Path.Combine(_environment.Root, "script-" + Guid.NewGuid().ToString("N")[..8] + ".py");
        await File.WriteAllTextAsync(file, Prelude + body);
        var result = await ExternalTool.RunAsync(
            python,
            [file, _server.BaseAddress.ToString().TrimEnd('/'), .. arguments],
            _environment.Variables,
            _environment.Root,
            TimeSpan.FromMinutes(2));
        _output.WriteLine(result.Describe());
        result.EnsureSuccess("The boto3 script");
        var last = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        try
        {
            using var json = JsonDocument.Parse(last ?? string.Empty);
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"The script's last output line is not JSON ({e.Message}):\n{result.Describe()}");
            throw;
        }
    }

    public void Dispose() => _environment.Dispose();
}
