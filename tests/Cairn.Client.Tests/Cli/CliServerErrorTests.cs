using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Cli;

/// <summary>
/// Errors answered by the server, as one line naming the bucket or object: a HEAD's 404 has no body, so what
/// the user sees must not be the SDK's "Error making request with Error Code NotFound..." sentence.
/// </summary>
public sealed class CliServerErrorTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    private const string NoSuchBucket = "no-such-bucket-here";

    [Theory]
    [InlineData("cp", "s3://{bucket}/nosuch", "{folder}/out")]
    [InlineData("cp", "s3://{bucket}/nosuch", "-")]
    public async Task MissingObject_PrintsNoSuchKeyLine(params string[] args)
    {
        var bucket = await server.CreateBucketAsync();

        var result = await RunAsync(bucket, args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal([$"cairn: error: s3://{bucket}/nosuch: no such key"], ErrorLines(result));
        Assert.DoesNotContain("Error making request", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cp", "s3://" + NoSuchBucket + "/k", "{folder}/out")]
    [InlineData("cp", "{folder}/upload.txt", "s3://" + NoSuchBucket + "/k")]
    [InlineData("ls", "s3://" + NoSuchBucket + "/some/prefix/")]
    [InlineData("uploads", "s3://" + NoSuchBucket)]
    [InlineData("rb", "s3://" + NoSuchBucket)]
    public async Task MissingBucket_PrintsNoSuchBucketLine(params string[] args)
    {
        var result = await RunAsync(NoSuchBucket, args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal([$"cairn: error: s3://{NoSuchBucket}: no such bucket"], ErrorLines(result));
    }

    [Fact]
    public async Task MissingObject_WithJson_ReportsNoSuchKeyDocument()
    {
        var bucket = await server.CreateBucketAsync();

        var result = await RunAsync(bucket, ["cp", "s3://{bucket}/nosuch", "{folder}/out", "--json"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("NoSuchKey", result.Json.GetProperty("code").GetString());
        Assert.Equal($"s3://{bucket}/nosuch: no such key", result.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task WrongSecretKey_PrintsOneLineAboutTheKeys()
    {
        var environment = CliEnvironment.For(server).With("AWS_SECRET_ACCESS_KEY", "not-the-secret");

        var result = await CliProcess.RunAsync(environment, ["ls"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(ErrorLines(result));
        Assert.StartsWith("cairn: error: the secret key does not match the access key id", line, StringComparison.Ordinal);
    }

    private async Task<CliResult> RunAsync(string bucket, string[] args)
    {
        var folder = server.NewFolder("errors");
        await File.WriteAllTextAsync(Path.Combine(folder, "upload.txt"), "payload");
        var expanded = args.Select(a => a.Replace("{bucket}", bucket, StringComparison.Ordinal).Replace("{folder}", folder, StringComparison.Ordinal)).ToArray();
        return await CliProcess.RunAsync(CliEnvironment.For(server), expanded);
    }

    private static List<string> ErrorLines(CliResult result) =>
        [.. result.Stderr.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("cairn: error: ", StringComparison.Ordinal))];
}
