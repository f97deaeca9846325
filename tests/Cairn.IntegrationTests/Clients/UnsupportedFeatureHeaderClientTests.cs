using System.Net;
using Amazon.S3;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// The options of aws cli and boto3 that ask for features Cairn lacks (SSE, SSE-C, KMS, Object Lock, public
/// ACLs, colder storage classes) fail with 501 NotImplemented and leave nothing behind; the options that mean the
/// default (STANDARD, private) still upload, and so do tags, which Cairn has (docs/tagging.md).
/// </summary>
public sealed class UnsupportedFeatureHeaderClientTests : IClassFixture<CairnServerFixture>, IDisposable
{
    private readonly CairnServerFixture _server;
    private readonly ClientRunner _clients;

    public UnsupportedFeatureHeaderClientTests(CairnServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _clients = new ClientRunner(server, output);
    }

    public static TheoryData<string> AwsExecutables() => AwsCliTests.AwsExecutables();

    [SkippableTheory]
    [MemberData(nameof(AwsExecutables))]
    public async Task AwsCli_OptionsOfMissingFeatures_FailWithNotImplementedAndStoreNothing(string aws)
    {
        var exe = ExternalTool.Require(aws);
        var bucket = await CreateBucketAsync();
        var file = Path.Combine(_clients.Root, "payload.bin");
        await File.WriteAllBytesAsync(file, ClientTestSupport.RandomBytes(4096, seed: 31));
        var target = $"s3://{bucket}/";

        (string Key, string[] Arguments)[] refused =
        [
            ("sse", ["s3", "cp", file, target + "sse", "--sse", "AES256"]),
            ("sse-kms", ["s3", "cp", file, target + "sse-kms", "--sse", "aws:kms"]),
            ("sse-c", ["s3", "cp", file, target + "sse-c", "--sse-c", "AES256", "--sse-c-key", "0123456789abcdef0123456789abcdef"]),
            ("locked", ["s3api", "put-object", "--bucket", bucket, "--key", "locked", "--body", file,
                "--object-lock-mode", "COMPLIANCE", "--object-lock-retain-until-date", "2030-01-01T00:00:00Z"]),
            ("infrequent", ["s3", "cp", file, target + "infrequent", "--storage-class", "STANDARD_IA"]),
        ];

        using var s3 = _server.CreateClient();
        foreach (var (key, arguments) in refused)
        {
            var result = await _clients.AwsAsync(exe, arguments);
            Assert.True(
                result.ExitCode != 0 && result.StandardError.Contains("(NotImplemented)", StringComparison.Ordinal),
                $"aws {string.Join(' ', arguments.Take(2))} for '{key}' should fail with NotImplemented:\n{result.Describe()}");
            await AssertAbsentAsync(s3, bucket, key);
        }

        // What the defaults mean is still accepted.
        var standard = await _clients.AwsAsync(exe, "s3", "cp", file, target + "standard", "--storage-class", "STANDARD", "--acl", "private");
        standard.EnsureSuccess("aws s3 cp --storage-class STANDARD --acl private");
        var privateBucket = "cli-private-" + Guid.NewGuid().ToString("N")[..12];
        (await _clients.AwsAsync(exe, "s3api", "create-bucket", "--bucket", privateBucket, "--acl", "private"))
            .EnsureSuccess("aws s3api create-bucket --acl private");

        (await _clients.AwsAsync(exe, "s3api", "put-object", "--bucket", bucket, "--key", "tagged", "--body", file, "--tagging", "project=cairn"))
            .EnsureSuccess("aws s3api put-object --tagging");
        var tags = await s3.GetObjectTaggingAsync(new Amazon.S3.Model.GetObjectTaggingRequest { BucketName = bucket, Key = "tagged" });
        Assert.Equal([("project", "cairn")], tags.Tagging.Select(t => (t.Key, t.Value)));

        Assert.Equal(["standard", "tagged"], (await ClientTestSupport.ListAllAsync(s3, bucket)).Select(o => o.Key));
        await DataDirectoryInspector.AssertTempEmptyAsync(_server.DataDirectory);
    }

    [SkippableFact]
    public async Task Boto3_ParametersOfMissingFeatures_Fail501NamingTheHeaderAndStoreNothing()
    {
        var bucket = await CreateBucketAsync();
        const string script = ClientRunner.Boto3Prelude + """
            bucket = sys.argv[2]
            body = b"must not be stored"
            key = bytes(range(32))
            cases = {
                "sse": dict(ServerSideEncryption="AES256"),
                "sse-kms": dict(ServerSideEncryption="aws:kms", SSEKMSKeyId="alias/cairn"),
                "sse-c": dict(SSECustomerAlgorithm="AES256", SSECustomerKey=key),
                "locked": dict(ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate="2030-01-01T00:00:00Z"),
                "held": dict(ObjectLockLegalHoldStatus="ON"),
                "glacier": dict(StorageClass="GLACIER"),
                "infrequent": dict(StorageClass="STANDARD_IA"),
            }
            out = {}
            for name, extra in cases.items():
                out[name] = error_of(lambda: s3.put_object(Bucket=bucket, Key=name, Body=body, **extra))
            out["unknown-class"] = error_of(lambda: s3.put_object(Bucket=bucket, Key="unknown-class", Body=body, StorageClass="LUKEWARM"))
            out["default"] = error_of(lambda: s3.put_object(Bucket=bucket, Key="default", Body=b"ok", ACL="private", StorageClass="STANDARD"))
            out["tagged"] = error_of(lambda: s3.put_object(Bucket=bucket, Key="tagged", Body=b"ok", Tagging="project=cairn"))
            print(json.dumps(out))
            """;

        var result = await _clients.Boto3Async(script, bucket);
        using var json = ClientRunner.LastJsonLine(result);
        var root = json.RootElement;
        var expectedHeader = new Dictionary<string, string>
        {
            ["sse"] = "x-amz-server-side-encryption",
            ["sse-kms"] = "x-amz-server-side-encryption",
            ["sse-c"] = "x-amz-server-side-encryption-customer-algorithm",
            ["locked"] = "x-amz-object-lock-mode",
            ["held"] = "x-amz-object-lock-legal-hold",
            ["glacier"] = "x-amz-storage-class",
            ["infrequent"] = "x-amz-storage-class",
        };

        using var s3 = _server.CreateClient();
        foreach (var (name, header) in expectedHeader)
        {
            var error = root.GetProperty(name);
            Assert.True(error.ValueKind == System.Text.Json.JsonValueKind.Object, $"put_object '{name}' succeeded:\n{result.Describe()}");
            Assert.Equal(501, error.GetProperty("Status").GetInt32());
            Assert.Equal("NotImplemented", error.GetProperty("Code").GetString());
            Assert.Equal(header, error.GetProperty("Header").GetString());
            await AssertAbsentAsync(s3, bucket, name);
        }

        var unknown = root.GetProperty("unknown-class");
        Assert.Equal(400, unknown.GetProperty("Status").GetInt32());
        Assert.Equal("InvalidStorageClass", unknown.GetProperty("Code").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("default").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("tagged").ValueKind);
        Assert.Equal(["default", "tagged"], (await ClientTestSupport.ListAllAsync(s3, bucket)).Select(o => o.Key));
        await DataDirectoryInspector.AssertTempEmptyAsync(_server.DataDirectory);
    }

    public void Dispose() => _clients.Dispose();

    private static async Task AssertAbsentAsync(IAmazonS3 s3, string bucket, string key)
    {
        var ex = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectMetadataAsync(bucket, key));
        Assert.True(ex.StatusCode == HttpStatusCode.NotFound, $"HEAD {key} after the refused upload: {(int)ex.StatusCode} {ex.ErrorCode}");
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = "unsupported-" + Guid.NewGuid().ToString("N")[..16];
        using var s3 = _server.CreateClient();
        await s3.PutBucketAsync(bucket);
        return bucket;
    }
}
