using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cairn.IntegrationTests.Callbacks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Xunit.Abstractions;
using static Cairn.IntegrationTests.Clients.AliOss.AliOssAssert;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// Upload callbacks asked for with ali-oss's <c>callback</c> option, on put and on multipartUpload: Cairn calls the
/// app server with a request it can verify, and the client receives the app server's JSON as result.data; when
/// nothing answers at the callback URL the client is told so and the object is kept.
/// </summary>
public sealed class AliOssCallbackTests(AliOssServerFixture server, ITestOutputHelper output)
    : IClassFixture<AliOssServerFixture>, IDisposable
{
    private const string CallbackTarget = "/callback?app=gallery&v=1";

    private readonly AliOssScript _oss = new(output);

    [SkippableFact]
    public async Task The_client_receives_the_app_servers_JSON_after_a_put_and_a_multipartUpload()
    {
        await using var app = await CallbackAppServer.StartAsync(AnswerNamingTheUploadAsync);
        var bucket = await server.CreateBucketAsync();
        var connection = await AliOssConnection.ForAsync(server, bucket);
        var file = await _oss.CreateFileAsync("gallery.bin", 300 * 1024, seed: 21);

        var result = await _oss.RunAsync(connection, "callbacks", file, "gallery/", new Uri(app.Address, CallbackTarget).ToString(), UnreachableUrl());

        var put = Ok(result, "put");
        Assert.Equal(200, put.GetProperty("status").GetInt32());
        Assert.Equal("""{"Status":"OK","upload":"put","object":"gallery/put.txt"}""", put.GetProperty("data").GetRawText());
        var multipart = Ok(result, "multipart");
        Assert.Equal(200, multipart.GetProperty("status").GetInt32());
        Assert.Matches("^\"[0-9A-F]{32}-3\"$", Text(multipart, "etag"));
        Assert.Equal("""{"Status":"OK","upload":"multipart","object":"gallery/multipart.bin"}""", multipart.GetProperty("data").GetRawText());

        Assert.Collection(
            app.Received,
            call => AssertCallback(call, bucket, "gallery/put.txt", Text(put, "etag")!, "24", "text/plain", "put"),
            call => AssertCallback(call, bucket, "gallery/multipart.bin", Text(multipart, "etag")!, (300 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), null, "multipart"));

        Refused(result.GetProperty("unreachable"), 203, "CallbackFailed");
        Assert.Equal(200, Ok(result, "unreachableStored").GetProperty("status").GetInt32());
    }

    public void Dispose() => _oss.Dispose();

    /// <summary>The app server's answer: JSON naming the upload and the object its form body announced.</summary>
    private static async Task AnswerNamingTheUploadAsync(CallbackAppServer server, ReceivedCallback received, HttpContext context)
    {
        var form = QueryHelpers.ParseQuery(received.Body);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Status"] = "OK",
            ["upload"] = form.TryGetValue("upload", out var upload) ? upload.ToString() : string.Empty,
            ["object"] = form.TryGetValue("object", out var key) ? key.ToString() : string.Empty,
        }));
    }

    private static void AssertCallback(ReceivedCallback call, string bucket, string key, string etag, string size, string? mimeType, string upload)
    {
        Assert.True(call.SignatureVerified);
        Assert.Equal(CallbackTarget, call.RawTarget);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType, StringComparison.Ordinal);
        var form = QueryHelpers.ParseQuery(call.Body).ToDictionary(p => p.Key, p => p.Value.ToString());
        Assert.Equal(bucket, form["bucket"]);
        Assert.Equal(key, form["object"]);
        Assert.Equal(etag.Trim('"'), form["etag"].Trim('"'), ignoreCase: true);
        Assert.Equal(size, form["size"]);
        if (mimeType is not null)
        {
            Assert.Equal(mimeType, form["mimeType"]);
        }

        Assert.Equal(upload, form["upload"]);
    }

    /// <summary>A loopback URL nothing listens at: a port the system just handed out and took back.</summary>
    private static string UnreachableUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/callback";
    }
}
