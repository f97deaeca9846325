using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.Server.Pipeline;

/// <summary>
/// What happens to request-body bytes the answer did not need (an error found from the headers alone, a body a
/// handler ignores). HTTP/1.1 keeps the connection for the next request, so unread bytes must never stay on it:
/// the next request would be parsed from the middle of this one's body (a pooled client then sees a garbled
/// method and a SignatureDoesNotMatch for an innocent request). Run just before the response headers leave:
/// <list type="bullet">
/// <item>the client sent <c>Expect: 100-continue</c> and was never asked for the body: it will not send it (or
/// sends it only after a timeout), so the connection is closed after this answer;</item>
/// <item>a small remainder (at most <see cref="DrainLimit"/>) is read and dropped, so the connection stays
/// usable;</item>
/// <item>anything larger, or of unknown size, closes the connection after this answer.</item>
/// </list>
/// </summary>
internal static class UnreadBodyPolicy
{
    /// <summary>Largest remainder read and dropped rather than closing the connection.</summary>
    public const long DrainLimit = 256 * 1024;

    /// <summary>How long a drain may take before the connection is closed instead.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    public static async Task SettleAsync(HttpContext context, RequestBody body)
    {
        try
        {
            await SettleCoreAsync(context, body);
        }
        catch (Exception)
        {
            // Runs as the answer leaves, possibly after a commit: it must not turn that answer into a failure.
            Close(context);
        }
    }

    private static async Task SettleCoreAsync(HttpContext context, RequestBody body)
    {
        var request = context.Request;
        if (context.RequestAborted.IsCancellationRequested || !HttpProtocol.IsHttp11(request.Protocol) && !HttpProtocol.IsHttp10(request.Protocol))
        {
            return;
        }

        var expectsContinue = request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase);

        // An empty body is never asked for, so Kestrel sends no "100 Continue" before the final status; botocore
        // (boto3, aws cli) then misreads the next response on that connection. Same rule as a body never read.
        if (expectsContinue && (!body.Started || request.ContentLength == 0))
        {
            Close(context);
            return;
        }

        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (!canHaveBody || body.Ended)
        {
            return;
        }

        var remaining = request.ContentLength - body.BytesRead;
        if (body.TimedOut || remaining is not { } left || left > DrainLimit || !await TryDrainAsync(body, context.RequestAborted))
        {
            Close(context);
        }
    }

    private static async Task<bool> TryDrainAsync(RequestBody body, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(DrainTime);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            // Content-Length is known and small here, and Kestrel never reads past it.
            while (await body.ReadAsync(buffer, deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException or Core.Errors.CairnException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Close(HttpContext context) => context.Response.Headers.Connection = "close";
}
