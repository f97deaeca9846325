using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// boto3 with its default settings (checksums, signature version) against a real Cairn: only the endpoint
/// and path-style addressing are configured. Each test writes a short Python script and asserts on the
/// JSON it prints.
/// </summary>
public sealed class Boto3Tests : IClassFixture<CairnServerFixture>, IDisposable
{
    private const string Prelude = """
        import hashlib, json, sys
        import boto3
        from botocore.config import Config

        endpoint = sys.argv[1]
        s3 = boto3.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
        """;

    private readonly CairnServerFixture _server;
    private readonly ITestOutputHelper _output;
    private readonly AwsClientEnvironment _environment;

    public Boto3Tests(CairnServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        _environment = new AwsClientEnvironment(server.AccessKey, server.SecretKey);
    }

    [SkippableFact]
    public async Task PutGetHeadListDelete_WithDefaultSettings()
    {
        var python = await ExternalTool.RequirePythonModuleAsync("boto3");
        var bucket = await CreateBucketAsync();
        const string key = "boto3/object one.bin";
        var data = ClientTestSupport.RandomBytes(1024 * 1024 + 123, seed: 3);
        var payload = Path.Combine(_environment.Root, "payload.bin");
        await File.WriteAllBytesAsync(payload, data);

        const string script = Prelude + """

            bucket, key, path = sys.argv[2], sys.argv[3], sys.argv[4]
            with open(path, "rb") as f:
                data = f.read()
            out = {"boto3": boto3.__version__}
            put = s3.put_object(Bucket=bucket, Key=key, Body=data, ContentType="application/x-cairn-test",
                                Metadata={"origin": "boto3"})
            out["put_etag"] = put["ETag"]
            got = s3.get_object(Bucket=bucket, Key=key)
            body = got["Body"].read()
            out["get_equal"] = body == data
            out["get_length"] = len(body)
            out["get_md5"] = hashlib.md5(body).hexdigest()
            head = s3.head_object(Bucket=bucket, Key=key)
            out["head"] = {"ContentLength": head["ContentLength"], "ETag": head["ETag"],
                           "ContentType": head.get("ContentType"), "Metadata": head.get("Metadata", {})}
            listing = s3.list_objects_v2(Bucket=bucket)
            out["list"] = [{"Key": o["Key"], "Size": o["Size"], "ETag": o["ETag"]} for o in listing.get("Contents", [])]
            s3.delete_object(Bucket=bucket, Key=key)
            after = s3.list_objects_v2(Bucket=bucket)
            out["list_after_delete"] = [o["Key"] for o in after.get("Contents", [])]
            print(json.dumps(out))
            """;

        var result = await RunPythonAsync(python, script, bucket, key, payload);
        using var json = ParseLastJsonLine(result);
        var root = json.RootElement;
        var etag = $"\"{Convert.ToHexStringLower(MD5.HashData(data))}\"";
        var context = result.Describe();

        Assert.True(root.GetProperty("get_equal").GetBoolean(), $"get_object returned other bytes:\n{context}");
        Assert.Equal(data.Length, root.GetProperty("get_length").GetInt64());
        Assert.Equal(etag, root.GetProperty("put_etag").GetString());

        var head = root.GetProperty("head");
        Assert.Equal(data.Length, head.GetProperty("ContentLength").GetInt64());
        Assert.Equal(etag, head.GetProperty("ETag").GetString());
        Assert.Equal("application/x-cairn-test", head.GetProperty("ContentType").GetString());
        Assert.Equal("boto3", head.GetProperty("Metadata").GetProperty("origin").GetString());

        var listed = root.GetProperty("list").EnumerateArray().ToList();
        Assert.True(listed.Count == 1, $"list_objects_v2 should show exactly the one object:\n{context}");
        Assert.Equal(key, listed[0].GetProperty("Key").GetString());
        Assert.Equal(data.Length, listed[0].GetProperty("Size").GetInt64());
        Assert.Equal(etag, listed[0].GetProperty("ETag").GetString());

        Assert.True(root.GetProperty("list_after_delete").GetArrayLength() == 0, $"The object is still listed after delete_object:\n{context}");

        using var s3 = _server.CreateClient();
        var remaining = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Empty(remaining.S3Objects ?? []);
    }

    [SkippableFact]
    public async Task PresignedGetUrl_FromBoto3_ReturnsTheBytes()
    {
        var python = await ExternalTool.RequirePythonModuleAsync("boto3");
        var bucket = await CreateBucketAsync();
        const string key = "presigned/report 2026.bin";
        var data = ClientTestSupport.RandomBytes(200_000, seed: 4);
        using (var s3 = _server.CreateClient())
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(data) });
        }

        const string script = Prelude + """

            bucket, key = sys.argv[2], sys.argv[3]
            url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=600)
            print(json.dumps({"url": url}))
            """;

        var result = await RunPythonAsync(python, script, bucket, key);
        using var json = ParseLastJsonLine(result);
        var url = json.RootElement.GetProperty("url").GetString()!;
        _output.WriteLine("presigned: " + url);
        Assert.StartsWith(_server.BaseAddress.ToString().TrimEnd('/') + "/" + bucket + "/", url);

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(
            response.IsSuccessStatusCode,
            $"GET of the boto3 presigned URL answered {(int)response.StatusCode}:\n{System.Text.Encoding.UTF8.GetString(body)}\nURL: {url}");
        Assert.Equal(data.Length, body.Length);
        Assert.True(data.AsSpan().SequenceEqual(body), "The presigned GET returned other bytes.");
    }

    /// <summary>
    /// botocore sends <c>Expect: 100-continue</c> with every file-object body, also an empty one. A server may
    /// answer an empty body's PUT at once, without 100 Continue (Kestrel does); botocore (1.43 and the aws cli
    /// v2 copy alike) then keeps that early status line on the pooled connection and misreads the response to
    /// the next 100-continue request on it, which stalls until the 60 s read timeout and is retried. The
    /// server has to send 100 Continue anyway or close such a connection. This is what makes
    /// <c>aws s3 sync</c> of a tree holding an empty file take a minute. One connection, a short read timeout
    /// and no retries make it show here as an error instead of a delay.
    /// </summary>
    [SkippableFact]
    public async Task EmptyPutWithExpectContinue_ThenMorePuts_OnTheSameConnection()
    {
        var python = await ExternalTool.RequirePythonModuleAsync("boto3");
        var bucket = await CreateBucketAsync();
        var empty = Path.Combine(_environment.Root, "empty.bin");
        await File.WriteAllBytesAsync(empty, []);
        var small = Path.Combine(_environment.Root, "small.bin");
        var data = ClientTestSupport.RandomBytes(10_000, seed: 6);
        await File.WriteAllBytesAsync(small, data);

        const string script = Prelude + """

            import time
            bucket, empty_path, small_path = sys.argv[2], sys.argv[3], sys.argv[4]
            one = boto3.client("s3", endpoint_url=endpoint, config=Config(
                s3={"addressing_style": "path"}, max_pool_connections=1, read_timeout=15,
                retries={"total_max_attempts": 1}))
            out = []
            for key, path in (("empty", empty_path), ("after-empty", small_path), ("after-that", small_path)):
                start = time.monotonic()
                try:
                    with open(path, "rb") as body:
                        etag = one.put_object(Bucket=bucket, Key=key, Body=body)["ETag"]
                    out.append({"key": key, "ok": True, "etag": etag})
                except Exception as e:
                    out.append({"key": key, "ok": False, "error": f"{type(e).__name__}: {e}"})
                out[-1]["seconds"] = round(time.monotonic() - start, 2)
            print(json.dumps(out))
            """;

        var result = await RunPythonAsync(python, script, bucket, empty, small);
        using var json = ParseLastJsonLine(result);
        var failed = json.RootElement.EnumerateArray().Where(put => !put.GetProperty("ok").GetBoolean()).ToList();
        Assert.True(
            failed.Count == 0,
            "PUTs after an empty file-object PUT on the same connection failed: " +
            string.Join("; ", failed.Select(put => $"{put.GetProperty("key").GetString()}: {put.GetProperty("error").GetString()}")) +
            $"\n{result.Describe()}");

        using var s3 = _server.CreateClient();
        var sizes = (await ClientTestSupport.ListAllAsync(s3, bucket)).ToDictionary(o => o.Key, o => o.Size);
        Assert.Equal(0, sizes["empty"]);
        Assert.Equal(data.Length, sizes["after-empty"]);
        Assert.Equal(data.Length, sizes["after-that"]);
    }

    public void Dispose() => _environment.Dispose();

    private async Task<string> CreateBucketAsync()
    {
        var bucket = "boto3-" + Guid.NewGuid().ToString("N")[..16];
        using var s3 = _server.CreateClient();
        await s3.PutBucketAsync(bucket);
        return bucket;
    }

    private async Task<ProcessResult> RunPythonAsync(string python, string script, params string[] arguments)
    {
        var file = Path.Combine(_environment.Root, "script-" + Guid.NewGuid().ToString("N")[..8] + ".py");
        await File.WriteAllTextAsync(file, script);
        var result = await ExternalTool.RunAsync(
            python,
            [file, _server.BaseAddress.ToString().TrimEnd('/'), .. arguments],
            _environment.Variables,
            _environment.Root,
            TimeSpan.FromMinutes(2));
        _output.WriteLine(result.Describe());
        return result.EnsureSuccess("The boto3 script");
    }

    private static JsonDocument ParseLastJsonLine(ProcessResult result)
    {
        var last = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        try
        {
            return JsonDocument.Parse(last ?? string.Empty);
        }
        catch (JsonException e)
        {
            Assert.Fail($"The script's last output line is not JSON ({e.Message}):\n{result.Describe()}");
            throw;
        }
    }
}
