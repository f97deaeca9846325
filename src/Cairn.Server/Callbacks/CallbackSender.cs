using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cairn.Server.Dialects.Oss;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Makes the callback request the way OSS does (docs/oss-compatibility.md "Upload callbacks"): a POST of the rendered
/// body to each URL in turn until one answers 200 with JSON, with the Host the client named, the body's Content-Type,
/// <c>x-oss-pub-key-url</c> (base64 of where the public key is) and <c>authorization</c>, the base64 RSA signature
/// over the MD5 of the URL-decoded path, the query as sent (with its '?'), a newline and the body. The whole callback
/// has one deadline. Connections go only where <see cref="CallbackConnector"/> allows; redirects are not followed
/// and no proxy is used, so nothing reaches an address the rules refuse.
/// </summary>
internal sealed class CallbackSender : IDisposable
{
    /// <summary>The largest answer an app server may give (OSS: 1 MB).</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    private const string Agent = "cairn-upload-callback";

    private readonly HttpClient _http;
    private readonly CallbackSigningKey _key;

    public CallbackSender(CallbackConnector connector, CallbackSigningKey key)
    {
        _key = key;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// Calls the URLs in order until one succeeds, within <paramref name="timeout"/> for all of them; the outcome is
    /// the success, or the last failure. Throws only when <paramref name="aborted"/> fires (the client went away).
    /// </summary>
    public async Task<CallbackOutcome> SendAsync(
        UploadCallbackRequest callback, string body, string publicKeyUrl, TimeSpan timeout, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout);
        var content = Encoding.UTF8.GetBytes(body);
        var keyUrl = Convert.ToBase64String(Encoding.UTF8.GetBytes(publicKeyUrl));
        var outcome = CallbackOutcome.Failed(CallbackFailure.Connect, "The callback has no URL.");
        foreach (var url in callback.Urls)
        {
            try
            {
                outcome = await SendOneAsync(url, callback, content, keyUrl, deadline.Token);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                return CallbackOutcome.Failed(CallbackFailure.Timeout,
                    $"The callback server did not answer within {timeout.TotalSeconds:0.###} seconds.");
            }

            if (outcome.Succeeded)
            {
                break;
            }
        }

        return outcome;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>What the signature covers: the URL-decoded path, the query as sent (with its '?'), "\n", the body.</summary>
    internal static byte[] SignedContent(Uri url, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.AbsolutePath) + url.Query + "\n");
        return [.. head, .. body];
    }

    private async Task<CallbackOutcome> SendOneAsync(Uri url, UploadCallbackRequest callback, byte[] body, string keyUrl, CancellationToken deadline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(callback.Body.Type.MediaType());
        if (callback.Host is { } host)
        {
            request.Headers.Host = host;
        }

        request.Headers.TryAddWithoutValidation(HeaderNames.Authorization, Convert.ToBase64String(_key.Sign(SignedContent(url, body))));
        request.Headers.TryAddWithoutValidation(OssHeaders.PublicKeyUrl, keyUrl);
        request.Headers.TryAddWithoutValidation(HeaderNames.UserAgent, Agent);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline);
            return await ReadAnswerAsync(response, deadline);
        }
        catch (HttpRequestException e) when (e.InnerException is CallbackTargetRefusedException refused)
        {
            return CallbackOutcome.Failed(CallbackFailure.Refused, $"The callback URL {url} is refused: {refused.Message}.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return CallbackOutcome.Failed(CallbackFailure.Connect, $"Error status : -1. Cairn could not reach the callback URL {url}: {e.Message}");
        }
    }

    private static async Task<CallbackOutcome> ReadAnswerAsync(HttpResponseMessage response, CancellationToken deadline)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return CallbackOutcome.Failed(CallbackFailure.Status, $"Error status : {(int)response.StatusCode}.");
        }

        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            return TooLarge();
        }

        await using var stream = await response.Content.ReadAsStreamAsync(deadline);
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, deadline)) > 0)
        {
            if (body.Length + read > MaxResponseBytes)
            {
                return TooLarge();
            }

            body.Write(buffer, 0, read);
        }

        var bytes = body.ToArray();
        return IsJson(bytes)
            ? CallbackOutcome.Success(bytes)
            : CallbackOutcome.Failed(CallbackFailure.NotJson, "The callback server's answer is not valid JSON.");
    }

    private static CallbackOutcome TooLarge() =>
        CallbackOutcome.Failed(CallbackFailure.TooLarge, $"The callback server's answer is longer than {MaxResponseBytes} bytes.");

    private static bool IsJson(byte[] body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
