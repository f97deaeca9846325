using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Cli;

/// <summary>
/// <c>cairn presign --multipart</c> against a real server, its URLs used by a plain <see cref="HttpClient"/> (no SDK,
/// no keys): every part PUT, the parts listed, the upload completed with the body shape the CLI prints, or aborted.
/// </summary>
public sealed class CliPresignMultipartTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";

    [Fact]
    public async Task A_plain_HTTP_client_uploads_lists_and_completes_with_the_presigned_URLs()
    {
        var bucket = await server.CreateBucketAsync();
        var file = TestFiles.Create(server.NewFolder("src"), "video.bin", 1_300_000, seed: 12);

        var presigned = await CliProcess.RunAsync(CliEnvironment.For(server),
            ["presign", "--multipart", file, $"s3://{bucket}/media/video.bin", "--part-size", "300KiB", "--expires", "15m", "--json"]);

        Assert.True(presigned.ExitCode == 0, presigned.ToString());
        var plan = presigned.Json;
        Assert.Equal(300 * 1024, plan.GetProperty("partSize").GetInt64());
        var parts = plan.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(5, parts.Count);
        Assert.Equal(4 * 300 * 1024, parts[^1].GetProperty("offset").GetInt64());
        Assert.Equal(1_300_000 - (4 * 300 * 1024), parts[^1].GetProperty("length").GetInt64());

        using var http = new HttpClient();
        var bytes = await File.ReadAllBytesAsync(file);
        var etags = new List<(int, string)>();
        foreach (var part in parts)
        {
            var offset = (int)part.GetProperty("offset").GetInt64();
            var length = (int)part.GetProperty("length").GetInt64();
            using var put = await http.PutAsync(Url(part), new ByteArrayContent(bytes, offset, length));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            etags.Add((part.GetProperty("partNumber").GetInt32(), put.Headers.ETag!.Tag));
        }

        var listed = XDocument.Parse(await http.GetStringAsync(Url(plan.GetProperty("listParts"))));
        Assert.Equal(Enumerable.Range(1, 5).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            listed.Descendants(S3 + "PartNumber").Select(e => e.Value));

        var complete = plan.GetProperty("complete");
        var body = complete.GetProperty("body").GetString()!;
        foreach (var (number, etag) in etags)
        {
            body = body.Replace($"ETag of part {number}<", etag + "<", StringComparison.Ordinal);
        }

        using var completed = await http.PostAsync(Url(complete), new StringContent(body, Encoding.UTF8, "application/xml"));
        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        Assert.Contains("CompleteMultipartUploadResult", await completed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var s3 = server.CreateClient();
        Assert.Equal(MD5.HashData(bytes), MD5.HashData(await S3Inspect.GetBytesAsync(s3, bucket, "media/video.bin")));
    }

    [Fact]
    public async Task The_abort_URL_discards_the_upload()
    {
        var bucket = await server.CreateBucketAsync();
        var file = TestFiles.Create(server.NewFolder("src"), "small.bin", 200_000, seed: 3);
        var presigned = await CliProcess.RunAsync(CliEnvironment.For(server), ["presign", "--multipart", file, $"s3://{bucket}/k.bin", "--json"]);
        Assert.True(presigned.ExitCode == 0, presigned.ToString());
        var plan = presigned.Json;
        using var http = new HttpClient();
        using var put = await http.PutAsync(Url(plan.GetProperty("parts")[0]), new ByteArrayContent(await File.ReadAllBytesAsync(file)));
        Assert.True(put.IsSuccessStatusCode);

        using var aborted = await http.DeleteAsync(Url(plan.GetProperty("abort")));
        using var listed = await http.GetAsync(Url(plan.GetProperty("listParts")));

        Assert.Equal(HttpStatusCode.NoContent, aborted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, listed.StatusCode);
        Assert.Contains("NoSuchUpload", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var s3 = server.CreateClient();
        Assert.Empty(await S3Inspect.UploadsAsync(s3, bucket));
    }

    [Fact]
    public async Task Text_output_names_each_part_with_its_byte_range_and_the_complete_body()
    {
        var bucket = await server.CreateBucketAsync();
        var file = TestFiles.Create(server.NewFolder("src"), "t.bin", 250_000, seed: 4);

        var result = await CliProcess.RunAsync(CliEnvironment.For(server), ["presign", "--multipart", file, $"s3://{bucket}/t.bin", "--part-size", "100KiB"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("part 1 bytes 0-102399: PUT http://", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("part 3 bytes 204800-249999: PUT http://", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("<CompleteMultipartUpload", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("abort: DELETE http://", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_are_reported_before_anything_is_created()
    {
        var environment = CliEnvironment.For(server);
        var file = TestFiles.Create(server.NewFolder("src"), "u.bin", 10, seed: 5);

        var method = await CliProcess.RunAsync(environment, ["presign", "--multipart", file, "s3://b/k", "--method", "PUT"]);
        var missing = await CliProcess.RunAsync(environment, ["presign", "--multipart", "/nonexistent/file", "s3://b/k"]);
        var partSize = await CliProcess.RunAsync(environment, ["presign", "s3://b/k", "--part-size", "8MiB"]);
        var tooLong = await CliProcess.RunAsync(environment, ["presign", "--multipart", file, "s3://b/k", "--expires", "8d"]);

        Assert.All([method, missing, partSize, tooLong], r => Assert.Equal(2, r.ExitCode));
        Assert.Contains("at most 7d", tooLong.Stderr, StringComparison.Ordinal);
    }

    private static Uri Url(JsonElement step) => new(step.GetProperty("url").GetString()!);
}
