using System.Text;
using Cairn.IntegrationTests.Clients;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.PostObject;

/// <summary>
/// A real client's form: boto3's <c>generate_presigned_post</c> signs it, and plain Python (<c>urllib</c>, as a page's
/// script would post it, no SDK on the way) sends it with a file. The upload lands, and a file outside the signed
/// size range is refused.
/// </summary>
public sealed class PostObjectBoto3Tests(CairnServerFixture server, ITestOutputHelper output) : IClassFixture<CairnServerFixture>, IDisposable
{
    private const string Script = """
        import urllib.request, urllib.error, uuid

        bucket = sys.argv[2]
        v4 = boto3.client("s3", endpoint_url=endpoint,
                          config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))

        def send(post, filename, data):
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in post["fields"].items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                         f'Content-Type: text/plain\r\n\r\n'.encode() + data + b"\r\n")
            parts.append(f"--{boundary}--\r\n".encode())
            request = urllib.request.Request(post["url"], data=b"".join(parts), method="POST",
                                             headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
            try:
                with urllib.request.urlopen(request) as response:
                    return {"status": response.status, "body": response.read().decode()}
            except urllib.error.HTTPError as e:
                return {"status": e.code, "body": e.read().decode()}

        out = {}
        for name, client in (("default", s3), ("s3v4", v4)):
            post = client.generate_presigned_post(
                Bucket=bucket, Key="uploads/" + name + "/${filename}",
                Fields={"Content-Type": "text/plain", "success_action_status": "201"},
                Conditions=[["starts-with", "$key", "uploads/"], {"Content-Type": "text/plain"},
                            {"success_action_status": "201"}, ["content-length-range", 1, 1024]],
                ExpiresIn=600)
            out[name] = {
                "fields": sorted(post["fields"].keys()),
                "ok": send(post, "notes.txt", b"hello from boto3's form"),
                "too_big": send(post, "big.txt", b"x" * 2048),
            }
            head = s3.head_object(Bucket=bucket, Key="uploads/" + name + "/notes.txt")
            out[name]["content_type"] = head["ContentType"]
            out[name]["length"] = head["ContentLength"]
        out["keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        print(json.dumps(out))
        """;

    private readonly Boto3Script _boto3 = new(server, output);

    [SkippableFact]
    public async Task A_form_from_generate_presigned_post_uploads_with_plain_http()
    {
        await ExternalTool.RequirePythonModuleAsync("boto3");
        var bucket = "boto3-post-" + Guid.NewGuid().ToString("N")[..12];
        using (var s3 = server.CreateClient())
        {
            await s3.PutBucketAsync(bucket);
        }

        var result = await _boto3.RunAsync(Script, bucket);

        // boto3's default signs the form with AWSAccessKeyId/signature; with s3v4, with the x-amz-* fields.
        Assert.Contains("signature", Fields(result, "default"));
        Assert.Contains("x-amz-signature", Fields(result, "s3v4"));
        foreach (var signing in new[] { "default", "s3v4" })
        {
            var outcome = result.GetProperty(signing);
            var ok = outcome.GetProperty("ok");
            Assert.True(ok.GetProperty("status").GetInt32() == 201, ok.GetProperty("body").GetString());
            Assert.Contains($"<Key>uploads/{signing}/notes.txt</Key>", ok.GetProperty("body").GetString(), StringComparison.Ordinal);
            var tooBig = outcome.GetProperty("too_big");
            Assert.Equal(400, tooBig.GetProperty("status").GetInt32());
            Assert.Contains("<Code>EntityTooLarge</Code>", tooBig.GetProperty("body").GetString(), StringComparison.Ordinal);
            Assert.Equal("text/plain", outcome.GetProperty("content_type").GetString());
            Assert.Equal(Encoding.UTF8.GetByteCount("hello from boto3's form"), outcome.GetProperty("length").GetInt32());
        }

        Assert.Equal(["uploads/default/notes.txt", "uploads/s3v4/notes.txt"], result.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
    }

    private static IEnumerable<string?> Fields(System.Text.Json.JsonElement result, string signing) =>
        result.GetProperty(signing).GetProperty("fields").EnumerateArray().Select(f => f.GetString());

    public void Dispose() => _boto3.Dispose();
}
