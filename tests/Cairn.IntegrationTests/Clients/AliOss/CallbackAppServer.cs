using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// The application server an upload callback calls, hosted in the test process on 127.0.0.1: it checks the
/// request's signature as an OSS app server does (fetches the public key named by x-oss-pub-key-url, verifies the
/// RSA/MD5 signature in <c>authorization</c> over the decoded path, the query, a newline and the body), records
/// what came, and answers JSON naming the upload, which the uploading client then receives.
/// </summary>
public sealed class CallbackAppServer : IAsyncDisposable
{
    public const string CallbackPath = "/callback";

    private static readonly HttpClient KeyFetcher = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly ConcurrentQueue<ReceivedCallback> _received = new();
    private readonly WebApplication _app;

    private CallbackAppServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost(CallbackPath, AnswerAsync);
    }

    /// <summary>The callback URL to give a client: this server, with a query string that is part of what is signed.</summary>
    public Uri CallbackUrl => new(new Uri(_app.Urls.Single()), CallbackPath + "?app=gallery&v=1");

    /// <summary>The callbacks received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedCallback> Received => [.. _received];

    public static async Task<CallbackAppServer> StartAsync()
    {
        var server = new CallbackAppServer();
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var (keyUrl, problem) = await VerifyAsync(request, body);
        var form = QueryHelpers.ParseQuery(body);
        _received.Enqueue(new ReceivedCallback(request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty,
            request.ContentType, body, form.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()), keyUrl, problem));

        var answer = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["Status"] = "OK",
            ["upload"] = form.TryGetValue("upload", out var upload) ? upload.ToString() : string.Empty,
            ["object"] = form.TryGetValue("object", out var key) ? key.ToString() : string.Empty,
        });
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    /// <summary>The public key URL the request announced and null, or what is wrong with its signature.</summary>
    private static async Task<(string? KeyUrl, string? Problem)> VerifyAsync(HttpRequest request, string body)
    {
        string? keyUrl = null;
        try
        {
            keyUrl = Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers["x-oss-pub-key-url"].ToString()));
            var signature = Convert.FromBase64String(request.Headers.Authorization.ToString());
            using var rsa = RSA.Create();
            rsa.ImportFromPem(await KeyFetcher.GetStringAsync(new Uri(keyUrl)));
            var signed = Encoding.UTF8.GetBytes((request.Path.Value ?? string.Empty) + request.QueryString.Value + "\n" + body);
            return rsa.VerifyData(signed, signature, HashAlgorithmName.MD5, RSASignaturePadding.Pkcs1)
                ? (keyUrl, null)
                : (keyUrl, "the signature does not verify with the announced key");
        }
        catch (Exception e) when (e is FormatException or HttpRequestException or CryptographicException or ArgumentException or UriFormatException or TaskCanceledException)
        {
            return (keyUrl, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
