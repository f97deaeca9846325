using Cairn.Core.Authorization;
using Cairn.Core.Operations;
using Cairn.Core.Errors;
using Cairn.Server.Cors;
using Cairn.Server.Dialects;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Handlers;
using Cairn.Server.Hosting;
using Cairn.Server.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Pipeline;

/// <summary>
/// The single endpoint: request id → dialect → route → authenticate → authorize → handler; any failure becomes one
/// catalogue error rendered by the request's dialect. Handlers never write errors themselves (docs/dialects.md).
/// A CORS preflight (OPTIONS) leaves the flow once its bucket is known, before routing and authentication; an actual
/// cross-origin request gets its CORS headers decided at the same point (docs/access-control.md "CORS").
/// A form upload (PostObject) carries its credentials in its body: the pipeline leaves authentication and
/// authorization to its handler, which reads the fields before the file and then asks the same authorizer.
/// </summary>
internal sealed partial class RequestPipeline(
    DialectSelector dialects,
    Authorizer authorizer,
    OperationDispatcher dispatcher,
    CorsPreflight preflight,
    CorsResponseHeaders corsHeaders,
    IOptions<CairnOptions> options,
    ILogger<RequestPipeline> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var dialect = dialects.Select(context.Request);
        var telemetry = context.Features.Get<RequestTelemetry>();
        telemetry?.RequestId = requestId;
        var response = context.Response;
        WriteCommonHeaders(response, dialect, requestId);
        var body = new RequestBody(context.Request.Body, options.Value.RequestBodyIdleTimeout);
        context.Request.Body = body;
        response.RegisterForDispose(body);
        response.OnStarting(() => UnreadBodyPolicy.SettleAsync(context, body));

        ResourcePath? target = null;
        try
        {
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
            target = dialect.Locate(rawTarget, context.Request.Host.Value);
            if (CorsPreflight.Is(context.Request))
            {
                await preflight.AnswerAsync(context, target);
                return;
            }

            await corsHeaders.AddAsync(context, target);
            var operation = dialect.Router.Resolve(context.Request, target);
            telemetry?.Routed(operation, target.Bucket, target.Key);
            var (auth, resource) = operation == Operation.PostObject
                ? (AuthResult.Unauthenticated(context.Request), authorizer.NotYetAuthorized(target.Bucket))
                : await AuthenticateAndAuthorizeAsync(context, dialect, operation, target);
            if (operation == Operation.NotImplemented)
            {
                throw new CairnException(ErrorCode.NotImplemented, "A header or query you provided implies functionality that is not implemented.");
            }

            dialect.RefuseUnsupported(context.Request);

            var request = new OperationRequest
            {
                Http = context,
                RequestId = requestId,
                Dialect = dialect,
                Target = target,
                Operation = operation,
                Auth = auth,
                Authorizer = authorizer,
                Resource = resource,
            };
            await dispatcher.DispatchAsync(request);
        }
        catch (CairnException e)
        {
            await WriteErrorAsync(context, dialect, e, target, requestId);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel: body shorter than Content-Length, or over a limit.
            await WriteErrorAsync(context, dialect, new CairnException(e.StatusCode == 413 ? ErrorCode.EntityTooLarge : ErrorCode.IncompleteBody), target, requestId);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.Unhandled(logger, e, requestId);
            await WriteErrorAsync(context, dialect, new CairnException(ErrorCode.InternalError), target, requestId);
        }
    }

    private async Task<(AuthResult Auth, ResourceRef Resource)> AuthenticateAndAuthorizeAsync(
        HttpContext context, IDialect dialect, Operation operation, ResourcePath target)
    {
        var auth = await dialect.AuthenticateAsync(context.Request, target, context.RequestAborted);
        var resource = await authorizer.RequireAsync(context, auth, operation, target.Bucket, target.Key, context.RequestAborted);
        return (auth, resource);
    }

    private async Task WriteErrorAsync(HttpContext context, IDialect dialect, CairnException error, ResourcePath? target, string requestId)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Headers already sent (failure mid-stream): the only honest signal left is to cut the connection.
            context.Abort();
            return;
        }

        var entry = dialect.DescribeError(error, context.Request);
        if (entry.Status != StatusCodes.Status304NotModified)
        {
            // Headers a handler set before failing (ETag, metadata...) describe a success that did not happen; a 304
            // keeps its validators (RFC 9110 §15.4.5).
            response.Headers.Clear();
            WriteCommonHeaders(response, dialect, requestId);
        }

        response.StatusCode = entry.Status;
        if (error.Code == ErrorCode.InvalidRange && error.Details?.ActualObjectSize is { } size)
        {
            response.Headers.ContentRange = "bytes */" + size;
        }

        if (entry.Status == StatusCodes.Status304NotModified)
        {
            return;
        }

        // A HEAD answer has no body; the dialect decides whether its error travels in a header instead.

        try
        {
            await dialect.WriteErrorAsync(response, entry, error.Detail ?? entry.Message, target?.Resource ?? "/", requestId, error.Details, error.Extra, context.RequestAborted);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while its error was written: there is no one left to answer.
        }
        catch (Exception e) when (!response.HasStarted)
        {
            // Rendering an error must not fail; if it ever does, a fixed, well-formed body still answers.
            Log.Unhandled(logger, e, requestId);
            response.StatusCode = StatusCodes.Status500InternalServerError;
            var body = System.Text.Encoding.UTF8.GetBytes(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>{requestId}</RequestId></Error>");
            response.ContentType = "application/xml";
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static void WriteCommonHeaders(HttpResponse response, IDialect dialect, string requestId)
    {
        dialect.WriteRequestId(response, requestId);
        response.Headers.Server = "Cairn";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
        public static partial void Unhandled(ILogger logger, Exception exception, string requestId);
    }
}
