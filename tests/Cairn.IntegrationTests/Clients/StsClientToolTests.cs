using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// Roles and STS driven by the tools people already have, unmodified: boto3's <c>iam</c> and <c>sts</c> clients
/// make a role, assume it and use the temporary credentials with <c>s3</c>; <c>aws sts</c> asks who it is, assumes
/// the role and gets a session token, whose credentials then work with <c>aws s3</c>.
/// </summary>
public sealed class StsClientToolTests(CairnServerFixture server, ITestOutputHelper output) : IClassFixture<CairnServerFixture>, IDisposable
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]}""";

    private readonly ClientRunner _clients = new(server, output);

    [SkippableFact]
    public async Task Boto3_sts_assumes_a_role_made_with_boto3_iam_and_its_credentials_work_with_s3()
    {
        var role = "boto-role-" + Guid.NewGuid().ToString("N")[..8];
        const string script = ClientRunner.Boto3Prelude + """
            iam = boto3.client("iam", endpoint_url=endpoint)
            sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1")
            role, trust = sys.argv[2], sys.argv[3]
            out = {}
            out["created"] = iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust, MaxSessionDuration=7200)["Role"]
            out["trust"] = iam.get_role(RoleName=role)["Role"]["AssumeRolePolicyDocument"]
            out["listed"] = [r["RoleName"] for p in iam.get_paginator("list_roles").paginate() for r in p["Roles"]]
            iam.put_role_policy(RoleName=role, PolicyName="s3", PolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
            out["policies"] = iam.list_role_policies(RoleName=role)["PolicyNames"]
            out["policy"] = iam.get_role_policy(RoleName=role, PolicyName="s3")["PolicyDocument"]
            arn = out["created"]["Arn"]
            assumed = sts.assume_role(RoleArn=arn, RoleSessionName="boto", DurationSeconds=7200, ExternalId="ext-1",
                Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}))
            creds = assumed["Credentials"]
            out["assumed"] = {"user": assumed["AssumedRoleUser"], "packed": assumed.get("PackedPolicySize"),
                "key": creds["AccessKeyId"], "expiration": creds["Expiration"].isoformat()}
            session = boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                aws_session_token=creds["SessionToken"], region_name="us-east-1")
            out["identity"] = session.client("sts", endpoint_url=endpoint).get_caller_identity()
            out["identity"].pop("ResponseMetadata")
            session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"})).list_buckets()
            out["me"] = sts.get_caller_identity()["Arn"]
            out["federated"] = sts.get_federation_token(Name="fed-user")["FederatedUser"]
            out["session_token"] = sts.get_session_token()["Credentials"]["AccessKeyId"]
            out["denied"] = error_of(lambda: sts.assume_role(RoleArn=arn + "-missing", RoleSessionName="boto"))
            out["too_long"] = error_of(lambda: sts.assume_role(RoleArn=arn, RoleSessionName="boto", DurationSeconds=7201))
            out["malformed"] = error_of(lambda: sts.assume_role(RoleArn=arn, RoleSessionName="boto", Policy="{"))
            out["conflict"] = error_of(lambda: iam.delete_role(RoleName=role))
            iam.delete_role_policy(RoleName=role, PolicyName="s3")
            iam.delete_role(RoleName=role)
            out["gone"] = error_of(lambda: iam.get_role(RoleName=role))
            print(json.dumps(out, default=str))
            """;

        var result = await _clients.Boto3Async(script, role, Trust);

        using var json = ClientRunner.LastJsonLine(result);
        var root = json.RootElement;
        var arn = $"arn:aws:iam::000000000000:role/{role}";
        Assert.Equal(arn, root.GetProperty("created").GetProperty("Arn").GetString());
        Assert.Equal(7200, root.GetProperty("created").GetProperty("MaxSessionDuration").GetInt32());
        Assert.Equal("sts:AssumeRole", root.GetProperty("trust").GetProperty("Statement")[0].GetProperty("Action").GetString());
        Assert.Contains(role, root.GetProperty("listed").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["s3"], root.GetProperty("policies").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("s3:*", root.GetProperty("policy").GetProperty("Statement")[0].GetProperty("Action").GetString());
        var assumed = root.GetProperty("assumed");
        Assert.Equal($"arn:aws:sts::000000000000:assumed-role/{role}/boto", assumed.GetProperty("user").GetProperty("Arn").GetString());
        Assert.StartsWith("ASIA", assumed.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.True(assumed.GetProperty("packed").GetInt32() > 0);
        var expiration = DateTimeOffset.Parse(assumed.GetProperty("expiration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration, DateTimeOffset.UtcNow.AddSeconds(7000), DateTimeOffset.UtcNow.AddSeconds(7205));
        Assert.Equal($"arn:aws:sts::000000000000:assumed-role/{role}/boto", root.GetProperty("identity").GetProperty("Arn").GetString());
        Assert.Equal("000000000000", root.GetProperty("identity").GetProperty("Account").GetString());
        Assert.Equal("arn:aws:iam::000000000000:root", root.GetProperty("me").GetString());
        Assert.Equal("arn:aws:sts::000000000000:federated-user/fed-user", root.GetProperty("federated").GetProperty("Arn").GetString());
        Assert.StartsWith("ASIA", root.GetProperty("session_token").GetString(), StringComparison.Ordinal);
        AssertError(root.GetProperty("denied"), "AccessDenied", 403);
        AssertError(root.GetProperty("too_long"), "ValidationError", 400);
        AssertError(root.GetProperty("malformed"), "MalformedPolicyDocument", 400);
        AssertError(root.GetProperty("conflict"), "DeleteConflict", 409);
        AssertError(root.GetProperty("gone"), "NoSuchEntity", 404);
    }

    [SkippableFact]
    public async Task Aws_sts_assume_role_get_session_token_and_get_caller_identity_and_the_credentials_work_with_aws_s3()
    {
        var aws = ExternalTool.Require("aws");
        var role = "cli-role-" + Guid.NewGuid().ToString("N")[..8];
        var bucket = "cli-sts-" + Guid.NewGuid().ToString("N")[..10];
        Succeeded(await _clients.AwsAsync(aws, "iam", "create-role", "--role-name", role, "--assume-role-policy-document", Trust));
        Succeeded(await _clients.AwsAsync(aws, "s3", "mb", $"s3://{bucket}"));

        using (var identity = JsonDocument.Parse(Succeeded(await _clients.AwsAsync(aws, "sts", "get-caller-identity")).StandardOutput))
        {
            Assert.Equal("arn:aws:iam::000000000000:root", identity.RootElement.GetProperty("Arn").GetString());
        }

        var assumedOutput = Succeeded(await _clients.AwsAsync(aws, "sts", "assume-role",
            "--role-arn", $"arn:aws:iam::000000000000:role/{role}", "--role-session-name", "cli-session", "--duration-seconds", "900"));
        using var assumed = JsonDocument.Parse(assumedOutput.StandardOutput);
        Assert.Equal($"arn:aws:sts::000000000000:assumed-role/{role}/cli-session",
            assumed.RootElement.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
        var roleCredentials = assumed.RootElement.GetProperty("Credentials");
        using (var asRole = Environment(roleCredentials))
        {
            var who = await AsAsync(aws, asRole, "sts", "get-caller-identity");
            using var whoJson = JsonDocument.Parse(who.StandardOutput);
            Assert.Equal($"arn:aws:sts::000000000000:assumed-role/{role}/cli-session", whoJson.RootElement.GetProperty("Arn").GetString());
            var ls = await AsAsync(aws, asRole, "s3", "ls");
            Assert.Contains(bucket, ls.StandardOutput, StringComparison.Ordinal);
        }

        var denied = await _clients.AwsAsync(aws, "sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/no-such-role",
            "--role-session-name", "cli-session");
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("AccessDenied", denied.StandardError, StringComparison.Ordinal);

        var tokenOutput = Succeeded(await _clients.AwsAsync(aws, "sts", "get-session-token", "--duration-seconds", "900"));
        using var token = JsonDocument.Parse(tokenOutput.StandardOutput);
        using (var asSession = Environment(token.RootElement.GetProperty("Credentials")))
        {
            var file = Path.Combine(asSession.Root, "hello.txt");
            await File.WriteAllTextAsync(file, "hello from a session");
            await AsAsync(aws, asSession, "s3", "cp", file, $"s3://{bucket}/hello.txt");
            var refused = await ExternalTool.RunAsync(aws, ["sts", "get-session-token", "--endpoint-url", _clients.Endpoint],
                asSession.Variables, asSession.Root, TimeSpan.FromMinutes(3));
            output.WriteLine(refused.Describe());
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("AccessDenied", refused.StandardError, StringComparison.Ordinal);
        }

        Succeeded(await _clients.AwsAsync(aws, "s3", "rb", $"s3://{bucket}", "--force"));
        Succeeded(await _clients.AwsAsync(aws, "iam", "delete-role", "--role-name", role));
    }

    public void Dispose() => _clients.Dispose();

    /// <summary>A private AWS environment signing with the temporary credentials of an STS answer.</summary>
    private static AwsClientEnvironment Environment(JsonElement credentials) =>
        new(credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("SecretAccessKey").GetString()!,
            credentials.GetProperty("SessionToken").GetString()!);

    private async Task<ProcessResult> AsAsync(string aws, AwsClientEnvironment environment, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(aws, [.. arguments, "--endpoint-url", _clients.Endpoint], environment.Variables, environment.Root,
            TimeSpan.FromMinutes(3));
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
