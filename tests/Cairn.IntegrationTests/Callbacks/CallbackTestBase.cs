using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Callbacks;

/// <summary>
/// Uploads that ask for a callback, sent through the S3 dialect with the raw signer and <c>x-oss-callback</c> (the
/// S3 dialect honours it as an extension, docs/oss-compatibility.md "Upload callbacks").
/// </summary>
public abstract class CallbackTestBase(CairnServerFixture fixture) : SdkTestBase(fixture)
{
    /// <summary>The callback document as a client sends it: base64 of its JSON.</summary>
    protected static string Encode(object document) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document)));

    protected static string Callback(string url, string body, string? bodyType = null, string? host = null) =>
        Encode(new Dictionary<string, string?>
        {
            ["callbackUrl"] = url,
            ["callbackBody"] = body,
            ["callbackBodyType"] = bodyType,
            ["callbackHost"] = host,
        }.Where(p => p.Value is not null).ToDictionary());

    protected Task<HttpResponseMessage> PutWithCallbackAsync(
        string bucket, string key, byte[] body, string callback, string? variables = null, string contentType = "text/plain")
    {
        return Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, key), body, request =>
        {
            request.Content!.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Headers.TryAddWithoutValidation("x-oss-callback", callback);
            if (variables is not null)
            {
                request.Headers.TryAddWithoutValidation("x-oss-callback-var", variables);
            }
        });
    }

    /// <summary>A URL on 127.0.0.1 where nothing listens: a port just given back by the system.</summary>
    protected static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    protected static async Task<JsonElement> JsonAnswerAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
