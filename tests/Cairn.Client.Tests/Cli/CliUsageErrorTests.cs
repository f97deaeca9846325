using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Cli;

/// <summary>
/// Command lines that do not parse: exit code 2 (as documented, so scripts can tell a typo from a failed copy)
/// and one <c>cairn: error:</c> line instead of the whole help text.
/// </summary>
public sealed class CliUsageErrorTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    [Theory]
    [InlineData("unknown command 'frob'", "frob")]
    [InlineData("unknown option '--bogus'", "--bogus")]
    [InlineData("unknown option '--bogus'", "ls", "s3://x", "--bogus")]
    [InlineData("unexpected argument 'b'", "ls", "a", "b")]
    [InlineData("missing argument <destination>", "cp", "a")]
    [InlineData("missing argument <bucket>", "mb")]
    [InlineData("missing required option --upload-id", "abort", "s3://b/k")]
    [InlineData("option --part-size needs a value", "cp", "a", "s3://b/k", "--part-size")]
    [InlineData("invalid value 'zz' for --concurrency (expected a whole number)", "cp", "a", "s3://b/k", "--concurrency", "zz")]
    [InlineData("invalid value 'POST' for --method (expected GET or PUT)", "presign", "s3://b/k", "--method", "POST")]
    public async Task UnparseableCommandLine_ExitsWithUsageCodeAndOneErrorLine(string message, params string[] args)
    {
        var result = await CliProcess.RunAsync(CliEnvironment.For(server), args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var errors = Lines(result.Stderr).Where(l => l.StartsWith("cairn: error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["cairn: error: " + message], errors);
        Assert.DoesNotContain("Description:", result.Stderr, StringComparison.Ordinal);
        Assert.True(Lines(result.Stderr).Count <= 4, result.ToString());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task BareCairn_PrintsShortUsageAndExitsWithUsageCode()
    {
        var result = await CliProcess.RunAsync(CliEnvironment.For(server), []);

        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = Lines(result.Stderr);
        Assert.StartsWith("usage: cairn <command>", lines[0], StringComparison.Ordinal);
        Assert.Contains("cp, ls, mb", lines[1], StringComparison.Ordinal);
        Assert.Contains("cairn: error: no command given", lines);
        Assert.Equal("Run 'cairn --help' for usage.", lines[^1]);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task ParseError_WithJson_WritesAUsageErrorDocument()
    {
        var result = await CliProcess.RunAsync(CliEnvironment.For(server), ["ls", "s3://x", "--bogus", "--json"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("Usage", result.Json.GetProperty("code").GetString());
        Assert.Equal("unknown option '--bogus'", result.Json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("cp", "--help")]
    [InlineData("abort", "--help")]
    [InlineData("cp", "a", "--help")]
    [InlineData("--version")]
    public async Task HelpAndVersion_StillExitZero(params string[] args)
    {
        var result = await CliProcess.RunAsync(CliEnvironment.For(server), args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEmpty(result.Stdout);
        Assert.Empty(result.Stderr);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
