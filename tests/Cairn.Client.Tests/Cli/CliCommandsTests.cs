using Amazon.S3.Model;
using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Cli;

/// <summary>The bucket, listing, multipart and presign commands, their JSON output and exit codes.</summary>
public sealed class CliCommandsTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    [Fact]
    public async Task BucketAndObjectCommands_WorkEndToEnd()
    {
        var environment = CliEnvironment.For(server);
        var bucket = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var file = TestFiles.Create(server.NewFolder("f"), "hello.txt", 1234, seed: 61);

        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["mb", $"s3://{bucket}"])).ExitCode);
        var buckets = await CliProcess.RunAsync(environment, ["ls", "--json"]);
        Assert.Contains(buckets.Json.GetProperty("buckets").EnumerateArray(), b => b.GetProperty("name").GetString() == bucket);

        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["cp", file, $"s3://{bucket}/docs/"])).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["cp", file, $"s3://{bucket}/top.txt"])).ExitCode);
        var listing = await CliProcess.RunAsync(environment, ["ls", $"s3://{bucket}", "--json"]);
        Assert.Equal(["docs/"], listing.Json.GetProperty("prefixes").EnumerateArray().Select(p => p.GetString()));
        var top = Assert.Single(listing.Json.GetProperty("objects").EnumerateArray());
        Assert.Equal(1234, top.GetProperty("size").GetInt64());
        var text = await CliProcess.RunAsync(environment, ["ls", $"s3://{bucket}/docs/"]);
        Assert.Contains("docs/hello.txt", text.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["rm", $"s3://{bucket}/top.txt"])).ExitCode);
        var notEmpty = await CliProcess.RunAsync(environment, ["rb", $"s3://{bucket}"]);
        Assert.Equal(1, notEmpty.ExitCode);
        Assert.Contains("BucketNotEmpty", notEmpty.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["rm", $"s3://{bucket}/docs", "--recursive"])).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, ["rb", $"s3://{bucket}"])).ExitCode);
        var after = await CliProcess.RunAsync(environment, ["ls", "--json"]);
        Assert.DoesNotContain(after.Json.GetProperty("buckets").EnumerateArray(), b => b.GetProperty("name").GetString() == bucket);
    }

    [Fact]
    public async Task UploadsPartsAndAbort_InspectAndCleanUpIncompleteUploads()
    {
        var bucket = await server.CreateBucketAsync();
        using var s3 = server.CreateClient();
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "dir/unfinished");
        for (var part = 1; part <= 2; part++)
        {
            await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = "dir/unfinished", UploadId = upload.UploadId, PartNumber = part,
                InputStream = new MemoryStream(TestFiles.Bytes(200 * 1024, part)),
            });
        }

        var environment = CliEnvironment.For(server);
        var uploads = await CliProcess.RunAsync(environment, ["uploads", $"s3://{bucket}/dir/", "--json"]);
        var listed = Assert.Single(uploads.Json.GetProperty("uploads").EnumerateArray());
        Assert.Equal(upload.UploadId, listed.GetProperty("uploadId").GetString());

        var parts = await CliProcess.RunAsync(environment, ["parts", $"s3://{bucket}/dir/unfinished", "--upload-id", upload.UploadId, "--json"]);
        Assert.Equal(2, parts.Json.GetProperty("parts").GetArrayLength());
        Assert.Equal(400 * 1024, parts.Json.GetProperty("totalSize").GetInt64());

        var abort = await CliProcess.RunAsync(environment, ["abort", $"s3://{bucket}/dir/unfinished", "--upload-id", upload.UploadId]);
        Assert.True(abort.ExitCode == 0, abort.ToString());
        Assert.Empty(await S3Inspect.UploadsAsync(s3, bucket));

        var missing = await CliProcess.RunAsync(environment, ["parts", $"s3://{bucket}/dir/unfinished", "--upload-id", upload.UploadId, "--json"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("NoSuchUpload", missing.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Presign_PutThenGet_UrlsWorkWithoutKeys()
    {
        var bucket = await server.CreateBucketAsync();
        var environment = CliEnvironment.For(server);
        var put = await CliProcess.RunAsync(environment, ["presign", $"s3://{bucket}/shared.bin", "--method", "PUT", "--expires", "10m", "--json"]);
        Assert.True(put.ExitCode == 0, put.ToString());
        var data = TestFiles.Bytes(4096, seed: 62);
        using var http = new HttpClient();
        using (var response = await http.PutAsync(put.Json.GetProperty("url").GetString(), new ByteArrayContent(data)))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var get = await CliProcess.RunAsync(environment, ["presign", $"s3://{bucket}/shared.bin"]);
        Assert.Equal(data, await http.GetByteArrayAsync(get.Stdout.Trim()));

        var tooLong = await CliProcess.RunAsync(environment, ["presign", $"s3://{bucket}/shared.bin", "--expires", "8d"]);
        Assert.Equal(2, tooLong.ExitCode);
    }

    [Fact]
    public async Task Credentials_ComeFromAProfileFile_AndTheirAbsenceIsAUsageError()
    {
        var bucket = await server.CreateBucketAsync();
        var environment = CliEnvironment.For(server)
            .With("AWS_ACCESS_KEY_ID", null).With("AWS_SECRET_ACCESS_KEY", null).With("AWS_ENDPOINT_URL", null);

        var none = await CliProcess.RunAsync(environment, ["ls"]);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("No credentials", none.Stderr, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(environment.Home, ".aws"));
        await File.WriteAllTextAsync(Path.Combine(environment.Home, ".aws", "credentials"), $"""
            [default]
            aws_access_key_id = wrong
            aws_secret_access_key = wrong

            [cairn]
            aws_access_key_id = {CairnServerFixture.AccessKey}
            aws_secret_access_key = {CairnServerFixture.SecretKey}
            """);
        await File.WriteAllTextAsync(Path.Combine(environment.Home, ".aws", "config"), $"""
            [profile cairn]
            endpoint_url = {server.BaseAddress}
            region = us-east-1
            """);
        var listed = await CliProcess.RunAsync(environment, ["ls", "--profile", "cairn", "--json"]);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(listed.Json.GetProperty("buckets").EnumerateArray(), b => b.GetProperty("name").GetString() == bucket);

        var flags = await CliProcess.RunAsync(environment,
            ["ls", "--endpoint", server.BaseAddress.ToString(), "--access-key", CairnServerFixture.AccessKey, "--secret-key", CairnServerFixture.SecretKey]);
        Assert.True(flags.ExitCode == 0, flags.ToString());

        var wrong = await CliProcess.RunAsync(environment, ["ls", "--endpoint", server.BaseAddress.ToString()]);
        Assert.Equal(1, wrong.ExitCode);
    }

    [Theory]
    [InlineData(2, "cp", "s3://a/b", "s3://c/d")]
    [InlineData(2, "cp", "local-a", "local-b")]
    [InlineData(2, "cp", "x", "s3://b/k", "--part-size", "lots")]
    [InlineData(1, "cp", "/no/such/file", "s3://b/k")]
    [InlineData(1, "ls", "s3://no-such-bucket-here")]
    [InlineData(1, "cp", "s3://no-such-bucket-here/k", "out")]
    [InlineData(2, "mb")]
    public async Task Failures_HaveNonZeroExitCodes(int expected, params string[] args)
    {
        var result = await CliProcess.RunAsync(CliEnvironment.For(server), args);
        Assert.True(result.ExitCode == expected, result.ToString());
    }
}
