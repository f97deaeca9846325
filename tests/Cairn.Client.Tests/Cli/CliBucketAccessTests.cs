using System.Text.Json;
using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Cli;

/// <summary><c>cairn policy</c> and <c>cairn acl</c> against a real server: set, show and remove, in text and JSON.</summary>
public sealed class CliBucketAccessTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    [Fact]
    public async Task A_bucket_policy_is_set_shown_and_removed_and_a_missing_one_is_one_error_line()
    {
        var environment = CliEnvironment.For(server);
        var bucket = "cli-policy-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["mb", $"s3://{bucket}"])).ExitCode);
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}
            """;
        var file = Path.Combine(server.NewFolder("policy"), "public-read.json");
        await File.WriteAllTextAsync(file, policy);

        var none = await CliProcess.RunAsync(environment, ["policy", "get", $"s3://{bucket}", "--json"]);
        Assert.Equal(1, none.ExitCode);
        Assert.Equal("NoSuchBucketPolicy", none.Json.GetProperty("code").GetString());

        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["policy", "set", $"s3://{bucket}", file])).ExitCode);
        var shown = await CliProcess.RunAsync(environment, ["policy", "get", $"s3://{bucket}", "--json"]);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(policy, shown.Json.GetProperty("policy").GetString());

        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["policy", "rm", $"s3://{bucket}"])).ExitCode);
        Assert.Equal(1, (await CliProcess.RunAsync(environment, ["policy", "get", $"s3://{bucket}"])).ExitCode);
    }

    [Fact]
    public async Task A_canned_acl_is_set_and_shown_with_its_grants()
    {
        var environment = CliEnvironment.For(server);
        var bucket = "cli-acl-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["mb", $"s3://{bucket}"])).ExitCode);

        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["acl", "set", $"s3://{bucket}", "--canned", "public-read"])).ExitCode);
        var acl = await CliProcess.RunAsync(environment, ["acl", "get", $"s3://{bucket}", "--json"]);

        Assert.Equal(0, acl.ExitCode);
        var grants = acl.Json.GetProperty("grants").EnumerateArray()
            .Select(g => $"{Name(g.GetProperty("grantee"))}:{g.GetProperty("permission").GetString()}")
            .ToList();
        Assert.Equal(["root:FULL_CONTROL", "http://acs.amazonaws.com/groups/global/AllUsers:READ"], grants);
    }

    /// <summary>A grantee's URI when it is a group, else its id (the JSON leaves out what a grantee does not have).</summary>
    private static string? Name(JsonElement grantee) =>
        grantee.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String
            ? uri.GetString()
            : grantee.GetProperty("id").GetString();
}
