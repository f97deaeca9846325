using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// The admin API driven by the tools people already have, unmodified: boto3's <c>iam</c> client and
/// <c>aws iam --endpoint-url</c> create a user and its keys, and that user then works with <c>aws s3</c>.
/// </summary>
public sealed class IamClientToolTests(CairnServerFixture server, ITestOutputHelper output) : IClassFixture<CairnServerFixture>, IDisposable
{
    private readonly ClientRunner _clients = new(server, output);

    [SkippableFact]
    public async Task Boto3_iam_manages_users_keys_and_policies_and_sees_IAM_errors()
    {
        var name = "boto-" + Guid.NewGuid().ToString("N")[..8];
        const string script = ClientRunner.Boto3Prelude + """
            iam = boto3.client("iam", endpoint_url=endpoint)
            name = sys.argv[2]
            out = {}
            out["created"] = iam.create_user(UserName=name)["User"]
            out["got"] = iam.get_user(UserName=name)["User"]["UserName"]
            out["me"] = iam.get_user()["User"]["UserName"]
            out["listed"] = [u["UserName"] for p in iam.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 1}) for u in p["Users"]]
            key = iam.create_access_key(UserName=name)["AccessKey"]
            out["key"] = {"id": key["AccessKeyId"], "secret_length": len(key["SecretAccessKey"]), "status": key["Status"]}
            policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
            iam.put_user_policy(UserName=name, PolicyName="all-s3", PolicyDocument=policy)
            out["policy"] = iam.get_user_policy(UserName=name, PolicyName="all-s3")["PolicyDocument"]
            out["policies"] = iam.list_user_policies(UserName=name)["PolicyNames"]
            iam.update_access_key(UserName=name, AccessKeyId=key["AccessKeyId"], Status="Inactive")
            out["keys"] = [(k["AccessKeyId"], k["Status"]) for k in iam.list_access_keys(UserName=name)["AccessKeyMetadata"]]
            out["duplicate"] = error_of(lambda: iam.create_user(UserName=name))
            out["conflict"] = error_of(lambda: iam.delete_user(UserName=name))
            out["malformed"] = error_of(lambda: iam.put_user_policy(UserName=name, PolicyName="bad", PolicyDocument="{"))
            iam.delete_user_policy(UserName=name, PolicyName="all-s3")
            iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
            iam.delete_user(UserName=name)
            out["gone"] = error_of(lambda: iam.get_user(UserName=name))
            print(json.dumps(out, default=str))
            """;

        var result = await _clients.Boto3Async(script, name);

        using var json = ClientRunner.LastJsonLine(result);
        var root = json.RootElement;
        Assert.Equal(name, root.GetProperty("created").GetProperty("UserName").GetString());
        Assert.Equal($"arn:aws:iam::000000000000:user/{name}", root.GetProperty("created").GetProperty("Arn").GetString());
        Assert.Equal(name, root.GetProperty("got").GetString());
        Assert.Equal("root", root.GetProperty("me").GetString());
        Assert.Contains(name, root.GetProperty("listed").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(40, root.GetProperty("key").GetProperty("secret_length").GetInt32());
        Assert.Equal("Active", root.GetProperty("key").GetProperty("status").GetString());
        Assert.Equal("s3:*", root.GetProperty("policy").GetProperty("Statement")[0].GetProperty("Action").GetString());
        Assert.Equal(["all-s3"], root.GetProperty("policies").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("Inactive", root.GetProperty("keys")[0][1].GetString());
        AssertError(root.GetProperty("duplicate"), "EntityAlreadyExists", 409);
        AssertError(root.GetProperty("conflict"), "DeleteConflict", 409);
        AssertError(root.GetProperty("malformed"), "MalformedPolicyDocument", 400);
        AssertError(root.GetProperty("gone"), "NoSuchEntity", 404);
    }

    [SkippableFact]
    public async Task Aws_iam_creates_a_user_and_key_that_then_work_with_aws_s3()
    {
        var aws = ExternalTool.Require("aws");
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var created = Succeeded(await _clients.AwsAsync(aws, "iam", "create-user", "--user-name", name));
        using (var user = JsonDocument.Parse(created.StandardOutput))
        {
            Assert.Equal(name, user.RootElement.GetProperty("User").GetProperty("UserName").GetString());
        }

        var keyOutput = Succeeded(await _clients.AwsAsync(aws, "iam", "create-access-key", "--user-name", name));
        using var key = JsonDocument.Parse(keyOutput.StandardOutput);
        var keyId = key.RootElement.GetProperty("AccessKey").GetProperty("AccessKeyId").GetString()!;
        var secret = key.RootElement.GetProperty("AccessKey").GetProperty("SecretAccessKey").GetString()!;
        var listed = Succeeded(await _clients.AwsAsync(aws, "iam", "list-users"));
        Assert.Contains(name, listed.StandardOutput, StringComparison.Ordinal);
        Succeeded(await _clients.AwsAsync(aws, "iam", "list-access-keys", "--user-name", name));

        using var asUser = new AwsClientEnvironment(keyId, secret);
        var bucket = "cli-iam-" + Guid.NewGuid().ToString("N")[..10];
        var file = Path.Combine(asUser.Root, "hello.txt");
        await File.WriteAllTextAsync(file, "hello from a new user");
        await AsUserAsync(aws, asUser, "s3", "mb", $"s3://{bucket}");
        await AsUserAsync(aws, asUser, "s3", "cp", file, $"s3://{bucket}/hello.txt");
        var ls = await AsUserAsync(aws, asUser, "s3", "ls", $"s3://{bucket}/");
        Assert.Contains("hello.txt", ls.StandardOutput, StringComparison.Ordinal);

        var refused = await _clients.AwsAsync(aws, "iam", "delete-user", "--user-name", name);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("DeleteConflict", refused.StandardError, StringComparison.Ordinal);
        await AsUserAsync(aws, asUser, "s3", "rb", $"s3://{bucket}", "--force");
        Succeeded(await _clients.AwsAsync(aws, "iam", "delete-access-key", "--user-name", name, "--access-key-id", keyId));
        Succeeded(await _clients.AwsAsync(aws, "iam", "delete-user", "--user-name", name));
    }

    public void Dispose() => _clients.Dispose();

    private async Task<ProcessResult> AsUserAsync(string aws, AwsClientEnvironment environment, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(aws, [.. arguments, "--endpoint-url", _clients.Endpoint], environment.Variables, environment.Root, TimeSpan.FromMinutes(3));
        output.WriteLine(result.Describe());
        return result.EnsureSuccess($"aws {string.Join(' ', arguments.Take(2))}");
    }

    private static ProcessResult Succeeded(ProcessResult result) => result.EnsureSuccess(result.CommandLine);

    private static void AssertError(JsonElement error, string code, int status)
    {
        Assert.Equal(code, error.GetProperty("Code").GetString());
        Assert.Equal(status, error.GetProperty("Status").GetInt32());
    }
}
