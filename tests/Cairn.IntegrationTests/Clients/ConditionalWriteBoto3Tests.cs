using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// boto3's conditional-write parameters (IfNoneMatch, IfMatch on put_object, complete_multipart_upload and
/// delete_object; ETag per entry of delete_objects) against a real Cairn.
/// </summary>
public sealed class ConditionalWriteBoto3Tests : IClassFixture<CairnServerFixture>, IDisposable
{
    private readonly CairnServerFixture _server;
    private readonly ClientRunner _clients;

    public ConditionalWriteBoto3Tests(CairnServerFixture server, ITestOutputHelper output)
    {
        _server = server;
        _clients = new ClientRunner(server, output);
    }

    [SkippableFact]
    public async Task Boto3_ConditionalPutCompleteAndDelete_HonourTheirConditions()
    {
        var bucket = "cond-boto3-" + Guid.NewGuid().ToString("N")[..16];
        using (var s3 = _server.CreateClient())
        {
            await s3.PutBucketAsync(bucket);
        }

        const string script = ClientRunner.Boto3Prelude + """
            bucket = sys.argv[2]
            out = {}
            def body(key):
                return s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()

            out["create"] = error_of(lambda: s3.put_object(Bucket=bucket, Key="k", Body=b"one", IfNoneMatch="*"))
            out["create_again"] = error_of(lambda: s3.put_object(Bucket=bucket, Key="k", Body=b"two", IfNoneMatch="*"))
            out["after_create_again"] = body("k")
            etag = s3.head_object(Bucket=bucket, Key="k")["ETag"]
            out["swap"] = error_of(lambda: s3.put_object(Bucket=bucket, Key="k", Body=b"three", IfMatch=etag))
            out["stale_swap"] = error_of(lambda: s3.put_object(Bucket=bucket, Key="k", Body=b"four", IfMatch=etag))
            out["after_swaps"] = body("k")
            out["swap_missing"] = error_of(lambda: s3.put_object(Bucket=bucket, Key="missing", Body=b"x", IfMatch=etag))

            up = s3.create_multipart_upload(Bucket=bucket, Key="k")["UploadId"]
            part = s3.upload_part(Bucket=bucket, Key="k", UploadId=up, PartNumber=1, Body=b"multipart")
            parts = {"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]}
            out["complete_create_only"] = error_of(lambda: s3.complete_multipart_upload(
                Bucket=bucket, Key="k", UploadId=up, MultipartUpload=parts, IfNoneMatch="*"))
            out["parts_after_failed_complete"] = len(s3.list_parts(Bucket=bucket, Key="k", UploadId=up).get("Parts", []))
            out["complete"] = error_of(lambda: s3.complete_multipart_upload(Bucket=bucket, Key="k", UploadId=up, MultipartUpload=parts))
            out["after_complete"] = body("k")

            current = s3.head_object(Bucket=bucket, Key="k")["ETag"]
            out["delete_stale"] = error_of(lambda: s3.delete_object(Bucket=bucket, Key="k", IfMatch=etag))
            out["exists_after_delete_stale"] = body("k")
            out["delete"] = error_of(lambda: s3.delete_object(Bucket=bucket, Key="k", IfMatch=current))
            out["delete_missing"] = error_of(lambda: s3.delete_object(Bucket=bucket, Key="k", IfMatch=current))

            a = s3.put_object(Bucket=bucket, Key="a", Body=b"A")["ETag"]
            s3.put_object(Bucket=bucket, Key="b", Body=b"B")
            result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [
                {"Key": "a", "ETag": a}, {"Key": "b", "ETag": '"0123456789abcdef0123456789abcdef"'}]})
            out["batch_deleted"] = sorted(d["Key"] for d in result.get("Deleted", []))
            out["batch_errors"] = [{"Key": e["Key"], "Code": e["Code"]} for e in result.get("Errors", [])]
            out["left"] = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
            print(json.dumps(out))
            """;

        var result = await _clients.Boto3Async(script, bucket);
        using var json = ClientRunner.LastJsonLine(result);
        var root = json.RootElement;
        var context = result.Describe();

        void Succeeded(string name) =>
            Assert.True(root.GetProperty(name).ValueKind == JsonValueKind.Null, $"{name} failed: {root.GetProperty(name)}\n{context}");
        void Failed(string name, int status, string code)
        {
            var error = root.GetProperty(name);
            Assert.True(
                error.ValueKind == JsonValueKind.Object && error.GetProperty("Status").GetInt32() == status && error.GetProperty("Code").GetString() == code,
                $"{name}: expected {status} {code}, got {error}\n{context}");
        }

        Succeeded("create");
        Failed("create_again", 412, "PreconditionFailed");
        Assert.Equal("one", root.GetProperty("after_create_again").GetString());
        Succeeded("swap");
        Failed("stale_swap", 412, "PreconditionFailed");
        Assert.Equal("three", root.GetProperty("after_swaps").GetString());
        Failed("swap_missing", 404, "NoSuchKey");

        Failed("complete_create_only", 412, "PreconditionFailed");
        Assert.Equal(1, root.GetProperty("parts_after_failed_complete").GetInt32());
        Succeeded("complete");
        Assert.Equal("multipart", root.GetProperty("after_complete").GetString());

        Failed("delete_stale", 412, "PreconditionFailed");
        Assert.Equal("multipart", root.GetProperty("exists_after_delete_stale").GetString());
        Succeeded("delete");
        Failed("delete_missing", 404, "NoSuchKey");

        Assert.Equal(["a"], root.GetProperty("batch_deleted").EnumerateArray().Select(e => e.GetString()));
        var batchError = Assert.Single(root.GetProperty("batch_errors").EnumerateArray());
        Assert.Equal("b", batchError.GetProperty("Key").GetString());
        Assert.Equal("PreconditionFailed", batchError.GetProperty("Code").GetString());
        Assert.Equal(["b"], root.GetProperty("left").EnumerateArray().Select(e => e.GetString()));
    }

    public void Dispose() => _clients.Dispose();
}
