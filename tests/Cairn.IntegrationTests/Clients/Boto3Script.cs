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
public sealed class Boto3Script(CairnServerFixture server, ITestOutputHelper output) : IDisposable
{
    /// <summary>Added to <see cref="ClientRunner.Boto3Prelude"/>.</summary>
    private const string Helpers = """
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

    private readonly ClientRunner _runner = new(server, output);

    /// <summary>Runs <paramref name="body"/> after the prelude with the extra <paramref name="arguments"/> (argv[2:]).</summary>
    public async Task<JsonElement> RunAsync(string body, params string[] arguments)
    {
        var result = await _runner.Boto3Async(ClientRunner.Boto3Prelude + Helpers + body, arguments);
        using var json = ClientRunner.LastJsonLine(result);
        return json.RootElement.Clone();
    }

    public void Dispose() => _runner.Dispose();
}
