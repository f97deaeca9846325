using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// Runs boto3 scripts, aws cli commands and curl against one server with a private AWS configuration
/// (<see cref="AwsClientEnvironment"/>), logging every command. Unlike the helpers of <see cref="Boto3Tests"/>
/// and <see cref="AwsCliTests"/> it does not insist on success: tests of refused requests look at the failure.
/// </summary>
public sealed class ClientRunner : IDisposable
{
    /// <summary>The first lines of every boto3 script: a client on argv[1] with default settings and path-style addressing.</summary>
    public const string Boto3Prelude = """
        import hashlib, json, sys
        import boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError

        endpoint = sys.argv[1]
        s3 = boto3.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))

        def error_of(call):
            try:
                call()
                return None
            except ClientError as e:
                err = dict(e.response.get("Error", {}))
                err["Status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
                return err

        """;

    private readonly CairnServerFixture _server;
    private readonly ITestOutputHelper _output;

    public ClientRunner(CairnServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        Environment = new AwsClientEnvironment(server.AccessKey, server.SecretKey);
    }

    public AwsClientEnvironment Environment { get; }

    /// <summary>A scratch directory, deleted on dispose.</summary>
    public string Root => Environment.Root;

    public string Endpoint => _server.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Writes <paramref name="script"/> (which should start with <see cref="Boto3Prelude"/>) and runs it; fails unless it exits 0.</summary>
    public async Task<ProcessResult> Boto3Async(string script, params string[] arguments)
    {
        var python = await ExternalTool.RequirePythonModuleAsync("boto3");
        var file = Path.Combine(Root, "script-" + Guid.NewGuid().ToString("N")[..8] + ".py");
        await File.WriteAllTextAsync(file, script);
        var result = await ExternalTool.RunAsync(python, [file, Endpoint, .. arguments], Environment.Variables, Root, TimeSpan.FromMinutes(3));
        _output.WriteLine(result.Describe());
        return result.EnsureSuccess("The boto3 script");
    }

    /// <summary>Runs an aws cli command with <c>--endpoint-url</c> and JSON output; the caller judges the exit code.</summary>
    public async Task<ProcessResult> AwsAsync(string exe, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(
            exe, [.. arguments, "--endpoint-url", Endpoint, "--output", "json"], Environment.Variables, Root, TimeSpan.FromMinutes(3));
        _output.WriteLine(result.Describe());
        return result;
    }

    /// <summary>Runs a shell command line (bash -c) with the AWS environment; the caller judges the exit code.</summary>
    public async Task<ProcessResult> ShellAsync(string commandLine)
    {
        var bash = ExternalTool.Require("bash");
        var result = await ExternalTool.RunAsync(bash, ["-c", commandLine], Environment.Variables, Root, TimeSpan.FromMinutes(3));
        _output.WriteLine(result.Describe());
        return result;
    }

    /// <summary>The last non-empty line of the output, parsed as JSON.</summary>
    public static JsonDocument LastJsonLine(ProcessResult result)
    {
        var last = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        try
        {
            return JsonDocument.Parse(last ?? string.Empty);
        }
        catch (JsonException e)
        {
            Assert.Fail($"The last output line is not JSON ({e.Message}):\n{result.Describe()}");
            throw;
        }
    }

    /// <summary>Quotes a word for a bash command line.</summary>
    public static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    public void Dispose() => Environment.Dispose();
}
