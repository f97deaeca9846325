using System.Xml;
using Cairn.Core.Errors;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Hosting;
using Cairn.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Iam;

/// <summary>
/// What every query API call goes through, whichever service answers it (docs/access-control.md "Admin API (IAM)",
/// docs/identity.md "Roles and temporary credentials"): a request id, the form body read (bounded), the SigV4 signature verified for
/// the service, the endpoint's handler run, and its result or its one catalogue error written in the service's XML.
/// </summary>
internal sealed partial class QueryApiExchange(QueryApiAuthenticator authenticator, IOptions<CairnOptions> options, ILogger<QueryApiExchange> logger)
{
    /// <summary>The largest form body read; the parameters of IAM and STS (a few KB of policy at most) are far smaller.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>
    /// Runs one call of <paramref name="service"/>: <paramref name="handle"/> routes the request to an action and
    /// returns the content of its Result element, or null when the action answers with response metadata only.
    /// </summary>
    public async Task RunAsync(HttpContext context, QueryApiService service, Func<QueryApiRequest, Task<Action<XmlWriter>?>> handle)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Features.Get<RequestTelemetry>()?.RequestId = requestId;
        var response = context.Response;
        response.Headers[QueryApiXml.RequestIdHeader] = requestId;
        var cancellationToken = context.RequestAborted;
        try
        {
            var body = await ReadBodyAsync(context, cancellationToken);
            var target = RequestTarget.From(context.Request);
            var principal = await authenticator.AuthenticateAsync(context.Request, target, service.Name, body, cancellationToken);
            var request = new QueryApiRequest(context, service, principal, QueryApiParameters.From(target, body.Span));
            var result = await handle(request);
            await QueryApiXml.WriteResultAsync(response, service.Namespace, request.Action!, result, requestId, cancellationToken);
        }
        catch (CairnException e)
        {
            await WriteErrorAsync(context, service, e, requestId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.Unhandled(logger, e, service.Title, requestId);
            await WriteErrorAsync(context, service, new CairnException(ErrorCode.InternalError), requestId);
        }
    }

    /// <summary>The whole body, refused beyond <see cref="MaxBodyBytes"/> before or while it is read; idle reads time out.</summary>
    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var body = new RequestBody(context.Request.Body, options.Value.RequestBodyIdleTimeout);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static CairnException TooLarge() =>
        new(ErrorCode.ValidationError, $"The request body is larger than this API accepts ({MaxBodyBytes} bytes).");

    private async Task WriteErrorAsync(HttpContext context, QueryApiService service, CairnException error, string requestId)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return;
        }

        var entry = ErrorCatalogue.Get(error.Code);
        response.StatusCode = entry.Status;
        try
        {
            await QueryApiXml.WriteErrorAsync(response, service.Namespace, entry, error.Detail ?? entry.Message, requestId, context.RequestAborted);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while its error was written.
        }
        catch (Exception e)
        {
            Log.Unhandled(logger, e, service.Title, requestId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Api} request {RequestId} failed unexpectedly")]
        public static partial void Unhandled(ILogger logger, Exception exception, string api, string requestId);
    }
}
