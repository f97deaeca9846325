using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Cli;

/// <summary>
/// <c>cairn admin user|key|policy</c> against a real server's admin API, and the usage errors of <c>cairn acl</c>
/// and <c>cairn policy</c>: JSON output, text output, server errors as one line and exit code 1.
/// </summary>
public sealed class CliAdminTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    private const string ReadOnly = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}
        """;

    [Fact]
    public async Task Admin_commands_create_a_user_whose_key_works_then_clean_up()
    {
        var environment = CliEnvironment.For(server);
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var added = await CliProcess.RunAsync(environment, ["admin", "user", "add", name, "--json"]);
        Assert.Equal(0, added.ExitCode);
        Assert.Equal($"arn:aws:iam::000000000000:user/{name}", added.Json.GetProperty("arn").GetString());
        var users = await CliProcess.RunAsync(environment, ["admin", "user", "ls", "--json"]);
        Assert.Contains(users.Json.GetProperty("users").EnumerateArray(), u => u.GetProperty("userName").GetString() == name);
        Assert.Contains(name, (await CliProcess.RunAsync(environment, ["admin", "user", "ls"])).Stdout, StringComparison.Ordinal);

        var key = await CliProcess.RunAsync(environment, ["admin", "key", "add", name, "--json"]);
        Assert.Equal(0, key.ExitCode);
        var keyId = key.Json.GetProperty("accessKeyId").GetString()!;
        var secret = key.Json.GetProperty("secretAccessKey").GetString()!;
        Assert.Equal(40, secret.Length);
        var bucket = "cli-user-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["mb", $"s3://{bucket}", "--access-key", keyId, "--secret-key", secret])).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["rb", $"s3://{bucket}", "--access-key", keyId, "--secret-key", secret])).ExitCode);

        var policyFile = Path.Combine(server.NewFolder("policy"), "read-only.json");
        await File.WriteAllTextAsync(policyFile, ReadOnly);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["admin", "policy", "set", name, "read-only", policyFile])).ExitCode);
        var policy = await CliProcess.RunAsync(environment, ["admin", "policy", "get", name, "read-only", "--json"]);
        Assert.Equal(ReadOnly, policy.Json.GetProperty("policyDocument").GetString());
        var names = await CliProcess.RunAsync(environment, ["admin", "policy", "get", name, "--json"]);
        Assert.Equal(["read-only"], names.Json.GetProperty("policyNames").EnumerateArray().Select(n => n.GetString()));

        var conflict = await CliProcess.RunAsync(environment, ["admin", "user", "rm", name, "--json"]);
        Assert.Equal(1, conflict.ExitCode);
        Assert.Equal("DeleteConflict", conflict.Json.GetProperty("code").GetString());
        Assert.Contains("DeleteConflict", conflict.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["admin", "key", "disable", name, keyId])).ExitCode);
        var keys = await CliProcess.RunAsync(environment, ["admin", "key", "ls", name, "--json"]);
        Assert.Equal("Inactive", Assert.Single(keys.Json.GetProperty("keys").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["admin", "key", "rm", name, keyId])).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["admin", "policy", "rm", name, "read-only"])).ExitCode);
        var removed = await CliProcess.RunAsync(environment, ["admin", "user", "rm", name, "--json"]);
        Assert.Equal(0, removed.ExitCode);
        Assert.True(removed.Json.GetProperty("removed").GetBoolean());
    }

    [Fact]
    public async Task A_malformed_policy_or_a_missing_user_is_one_error_line_with_the_IAM_code()
    {
        var environment = CliEnvironment.For(server);
        var name = "cli-bad-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["admin", "user", "add", name])).ExitCode);
        var bad = Path.Combine(server.NewFolder("bad"), "bad.json");
        await File.WriteAllTextAsync(bad, "{");

        var malformed = await CliProcess.RunAsync(environment, ["admin", "policy", "set", name, "p", bad, "--json"]);
        var missing = await CliProcess.RunAsync(environment, ["admin", "key", "add", "no-such-" + name]);

        Assert.Equal(1, malformed.ExitCode);
        Assert.Equal("MalformedPolicyDocument", malformed.Json.GetProperty("code").GetString());
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("cairn: error: ", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("NoSuchEntity", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acl_set_needs_exactly_one_way_of_saying_the_ACL()
    {
        var environment = CliEnvironment.For(server);

        var none = await CliProcess.RunAsync(environment, ["acl", "set", "s3://some-bucket"]);
        var two = await CliProcess.RunAsync(environment, ["acl", "set", "s3://some-bucket", "--canned", "private", "--grant-read", "id=abc"]);
        var missingFile = await CliProcess.RunAsync(environment, ["policy", "set", "s3://some-bucket", "/nonexistent/policy.json"]);

        Assert.Equal(2, none.ExitCode);
        Assert.Equal(2, two.ExitCode);
        Assert.Contains("exactly one", two.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missingFile.ExitCode);
    }
}
