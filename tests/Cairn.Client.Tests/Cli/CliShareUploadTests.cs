using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Client.Iam;
using Cairn.Client.Sharing;
using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Cli;

/// <summary>
/// <c>cairn share upload</c> against a real server, run by an app's user that may write the bucket: the temporary
/// credentials it prints (federated, or from a role with --role) work with AWSSDK.S3 under the prefix (single PUT
/// and multipart) and nowhere else, and the POST form uploads a file under the prefix with a plain
/// <see cref="HttpClient"/> and nothing outside it.
/// </summary>
public sealed class CliShareUploadTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    [Fact]
    public async Task The_temporary_credentials_upload_under_the_prefix_with_the_SDK_single_and_multipart()
    {
        var (environment, bucket, _) = await AppUserAsync();

        var shared = await CliProcess.RunAsync(environment, ["share", "upload", $"s3://{bucket}/in/device-1/", "--credentials", "--expires", "20m", "--json"]);

        Assert.True(shared.ExitCode == 0, shared.ToString());
        var issued = shared.Json.GetProperty("credentials");
        Assert.StartsWith("ASIA", issued.GetProperty("accessKeyId").GetString(), StringComparison.Ordinal);
        Assert.Equal("in/device-1/", issued.GetProperty("prefix").GetString());
        var expiration = issued.GetProperty("expiration").GetDateTimeOffset();
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(18), TimeSpan.FromMinutes(21));
        using var device = DeviceClient(issued);

        await device.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "in/device-1/photo.jpg", ContentBody = "photo" });
        var data = TestFiles.Bytes(300_000, seed: 7);
        var upload = await device.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "in/device-1/video.bin" });
        var part = await device.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "in/device-1/video.bin", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream(data),
        });
        var uploads = await device.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = "in/device-1/" });
        Assert.Contains(uploads.MultipartUploads, u => u.UploadId == upload.UploadId);
        Assert.Single((await device.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "in/device-1/video.bin", UploadId = upload.UploadId })).Parts);
        await device.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "in/device-1/video.bin", UploadId = upload.UploadId,
            PartETags = [new PartETag(1, part.ETag)],
        });

        using var owner = server.CreateClient();
        Assert.Equal(data, await S3Inspect.GetBytesAsync(owner, bucket, "in/device-1/video.bin"));
        Assert.Equal("photo"u8.ToArray(), await S3Inspect.GetBytesAsync(owner, bucket, "in/device-1/photo.jpg"));
    }

    [Fact]
    public async Task The_temporary_credentials_are_refused_outside_the_prefix_and_for_reading()
    {
        var (environment, bucket, _) = await AppUserAsync();
        var shared = await CliProcess.RunAsync(environment, ["share", "upload", $"s3://{bucket}/in/device-2/", "--credentials", "--expires", "20m", "--json"]);
        Assert.True(shared.ExitCode == 0, shared.ToString());
        using var device = DeviceClient(shared.Json.GetProperty("credentials"));

        var outside = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            device.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "in/device-3/x", ContentBody = "x" }));
        var multipartOutside = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            device.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "elsewhere.bin" }));
        await device.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "in/device-2/mine", ContentBody = "x" });
        var read = await Assert.ThrowsAsync<AmazonS3Exception>(() => device.GetObjectAsync(bucket, "in/device-2/mine"));

        Assert.All([outside, multipartOutside, read], e => Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode));
        Assert.All([outside, multipartOutside, read], e => Assert.Equal("AccessDenied", e.ErrorCode));
        using var owner = server.CreateClient();
        Assert.Empty((await owner.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "in/device-3/" })).S3Objects ?? []);
    }

    [Fact]
    public async Task The_form_uploads_a_file_under_the_prefix_and_is_refused_outside_it_or_above_the_size_limit()
    {
        var (environment, bucket, _) = await AppUserAsync();
        var shared = await CliProcess.RunAsync(environment, ["share", "upload", $"s3://{bucket}/forms/", "--max-size", "1KiB", "--json"]);
        Assert.True(shared.ExitCode == 0, shared.ToString());
        var form = System.Text.Json.JsonSerializer.Deserialize<PostForm>(shared.Json.GetProperty("form").GetRawText())!;
        Assert.Equal("forms/${filename}", form["key"]);
        using var http = new HttpClient();

        using var stored = await http.PostAsync(form.Url, Body(form, "hello.txt", "hello"u8.ToArray()));
        using var outside = await http.PostAsync(form.Url, Body(form, "x.txt", "nope"u8.ToArray(), key: "other/x.txt"));
        using var tooLarge = await http.PostAsync(form.Url, Body(form, "big.txt", new byte[2048]));

        Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("AccessDenied", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(tooLarge.IsSuccessStatusCode);
        using var owner = server.CreateClient();
        Assert.Equal("hello"u8.ToArray(), await S3Inspect.GetBytesAsync(owner, bucket, "forms/hello.txt"));
        var keys = (await owner.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? [];
        Assert.Equal(["forms/hello.txt"], keys.Select(o => o.Key));
    }

    [Fact]
    public async Task With_a_role_the_credentials_are_the_roles_rights_narrowed_to_the_prefix()
    {
        var (environment, bucket, userName) = await AppUserAsync();
        var role = "uploader-" + Guid.NewGuid().ToString("N")[..8];
        using var iam = new IamClient(server.Connection());
        await iam.CallAsync("CreateRole", [new("RoleName", role), new("AssumeRolePolicyDocument", $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/{{userName}}"},"Action":"sts:AssumeRole"}]}
            """)]);
        await iam.CallAsync("PutRolePolicy", [new("RoleName", role), new("PolicyName", "bucket"), new("PolicyDocument", $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}]}
            """)]);

        var shared = await CliProcess.RunAsync(environment,
            ["share", "upload", $"s3://{bucket}/role/", "--role", $"arn:aws:iam::000000000000:role/{role}", "--expires", "15m", "--json"]);

        Assert.True(shared.ExitCode == 0, shared.ToString());
        using var device = DeviceClient(shared.Json.GetProperty("credentials"));
        await device.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "role/in.txt", ContentBody = "in" });
        var outside = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            device.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "out.txt", ContentBody = "out" }));
        Assert.Equal("AccessDenied", outside.ErrorCode);
    }

    [Fact]
    public async Task Credentials_are_bounded_by_what_STS_issues()
    {
        var environment = CliEnvironment.For(server);

        var tooShort = await CliProcess.RunAsync(environment, ["share", "upload", "s3://b/p/", "--credentials", "--expires", "10m"]);
        var tooLong = await CliProcess.RunAsync(environment, ["share", "upload", "s3://b/p/", "--role", "arn:aws:iam::000000000000:role/r", "--expires", "13h"]);
        var formTooLong = await CliProcess.RunAsync(environment, ["share", "upload", "s3://b/p/", "--expires", "8d"]);

        Assert.All([tooShort, tooLong, formTooLong], r => Assert.Equal(2, r.ExitCode));
        Assert.Contains("at least 15m and at most 12h", tooShort.Stderr, StringComparison.Ordinal);
        Assert.Contains("at most 7d", formTooLong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_is_printed_for_people_with_its_fields_and_the_credentials_as_environment_variables()
    {
        var (environment, bucket, _) = await AppUserAsync();

        var shared = await CliProcess.RunAsync(environment, ["share", "upload", $"s3://{bucket}/drop/", "--credentials", "--expires", "15m"]);

        Assert.True(shared.ExitCode == 0, shared.ToString());
        Assert.Contains($"  url: {server.BaseAddress.ToString().TrimEnd('/')}/{bucket}", shared.Stdout, StringComparison.Ordinal);
        Assert.Contains("  key: drop/${filename}", shared.Stdout, StringComparison.Ordinal);
        Assert.Contains("  x-amz-signature: ", shared.Stdout, StringComparison.Ordinal);
        Assert.Contains("  AWS_ACCESS_KEY_ID=ASIA", shared.Stdout, StringComparison.Ordinal);
        Assert.Contains("  AWS_SESSION_TOKEN=", shared.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The form's fields in order (the key replaced when given), then the file as the last part.</summary>
    private static MultipartFormDataContent Body(PostForm form, string fileName, byte[] file, string? key = null)
    {
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Fields)
        {
            body.Add(new StringContent(name == "key" && key is not null ? key : value), name);
        }

        body.Add(new ByteArrayContent(file), "file", fileName);
        return body;
    }

    /// <summary>A bucket and a user (as an app server would have) whose policy lets it do anything in that bucket; the CLI runs as that user.</summary>
    private async Task<(CliEnvironment Environment, string Bucket, string UserName)> AppUserAsync()
    {
        var bucket = await server.CreateBucketAsync();
        var name = "app-" + Guid.NewGuid().ToString("N")[..8];
        using var iam = new IamClient(server.Connection());
        await iam.CreateUserAsync(name);
        await iam.PutUserPolicyAsync(name, "bucket", $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}]}
            """);
        var key = await iam.CreateAccessKeyAsync(name);
        var environment = CliEnvironment.For(server)
            .With("AWS_ACCESS_KEY_ID", key.AccessKeyId)
            .With("AWS_SECRET_ACCESS_KEY", key.SecretAccessKey!);
        return (environment, bucket, name);
    }

    private AmazonS3Client DeviceClient(System.Text.Json.JsonElement issued) => CairnS3ClientFactory.Create(new TemporaryCredentials(
        issued.GetProperty("accessKeyId").GetString()!,
        issued.GetProperty("secretAccessKey").GetString()!,
        issued.GetProperty("sessionToken").GetString()!,
        issued.GetProperty("expiration").GetDateTimeOffset()).ToConnection(server.BaseAddress));
}
