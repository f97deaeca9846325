using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Cairn.IntegrationTests.Callbacks;

/// <summary>
/// An app server as an OSS user writes one, on 127.0.0.1: it takes the callback POST, fetches the public key from the
/// URL in <c>x-oss-pub-key-url</c>, verifies the <c>authorization</c> signature (MD5 of the URL-decoded path, the raw
/// query, a newline and the body; RSA PKCS#1 v1.5) with code of its own, records what it got, and answers as the test
/// tells it to: by default 200 with <c>{"verified":…,"received":…}</c>.
/// </summary>
public sealed class CallbackAppServer : IAsyncDisposable
{
    private static readonly HttpClient KeyFetcher = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CallbackAppServer(WebApplication app, Func<CallbackAppServer, ReceivedCallback, HttpContext, Task>? answer)
    {
        _app = app;
        _app.Run(async context =>
        {
            var received = await ReceiveAsync(context);
            Received.Enqueue(received);
            await (answer ?? AnswerVerifiedAsync)(this, received, context);
        });
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The callbacks received, in order.</summary>
    public ConcurrentQueue<ReceivedCallback> Received { get; } = new();

    /// <summary>Completes the answers that wait for it (<see cref="Hang"/>).</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>An answer that comes only when the test releases it, or the caller gives up.</summary>
    public static async Task Hang(CallbackAppServer server, ReceivedCallback received, HttpContext context)
    {
        try
        {
            await server._release.Task.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await AnswerVerifiedAsync(server, received, context);
    }

    /// <summary>
    /// Starts an app server; <paramref name="answer"/> replaces the default answer (200, JSON naming whether the
    /// signature verified and the body received).
    /// </summary>
    public static async Task<CallbackAppServer> StartAsync(Func<CallbackAppServer, ReceivedCallback, HttpContext, Task>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new CallbackAppServer(builder.Build(), answer);
        await server._app.StartAsync();
        server.Address = new Uri(server._app.Urls.Single());
        return server;
    }

    public static async Task AnswerVerifiedAsync(CallbackAppServer server, ReceivedCallback received, HttpContext context)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { verified = received.SignatureVerified, received = received.Body }));
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<ReceivedCallback> ReceiveAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var keyUrl = Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers["x-oss-pub-key-url"].ToString()));
        var verified = await VerifyAsync(rawTarget, body, request.Headers.Authorization.ToString(), keyUrl);
        return new ReceivedCallback(request.Method, rawTarget, request.Host.Value, request.ContentType, body, keyUrl, verified);
    }

    /// <summary>Verification as an app server does it, from the public key fetched at the announced URL.</summary>
    private static async Task<bool> VerifyAsync(string rawTarget, string body, string authorization, string keyUrl)
    {
        var pem = await KeyFetcher.GetStringAsync(keyUrl);
        using var key = RSA.Create();
        key.ImportFromPem(pem);
        var queryAt = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(queryAt < 0 ? rawTarget : rawTarget[..queryAt]);
        var query = queryAt < 0 ? "" : rawTarget[queryAt..];
        var digest = MD5.HashData(Encoding.UTF8.GetBytes(path + query + "\n" + body));
        return key.VerifyHash(digest, Convert.FromBase64String(authorization), HashAlgorithmName.MD5, RSASignaturePadding.Pkcs1);
    }
}

/// <summary>One callback as the app server received it.</summary>
public sealed record ReceivedCallback(
    string Method, string RawTarget, string? Host, string? ContentType, string Body, string PublicKeyUrl, bool SignatureVerified);
