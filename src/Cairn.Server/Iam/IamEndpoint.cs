using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Hosting;
using Cairn.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Iam;

/// <summary>
/// The admin API: IAM's query API on the S3 endpoint (docs/access-control.md "Admin API (IAM)"), for the requests
/// <see cref="QueryApiRecognizer"/> gives it. Reads the form body (bounded), verifies its SigV4 signature for
/// service "iam", finds the action, checks the caller may perform it, runs it and answers in IAM's XML; every
/// failure becomes one catalogue error in IAM's error document.
/// </summary>
internal sealed partial class IamEndpoint(
    IamAuthenticator authenticator,
    IamActions actions,
    IamPermissions permissions,
    IIdentityStore identities,
    IOptions<CairnOptions> options,
    ILogger<IamEndpoint> logger)
{
    /// <summary>The largest form body read; IAM's own parameters (a 2 KB policy at most) are far smaller.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        var telemetry = context.Features.Get<RequestTelemetry>();
        telemetry?.RequestId = requestId;
        var response = context.Response;
        response.Headers[IamXml.RequestIdHeader] = requestId;
        var cancellationToken = context.RequestAborted;
        try
        {
            var body = await ReadBodyAsync(context, cancellationToken);
            var target = RequestTarget.From(context.Request);
            var principal = await authenticator.AuthenticateAsync(context.Request, target, body, cancellationToken);
            var parameters = IamParameters.From(target, body.Span);
            var action = actions.Find(parameters);
            telemetry?.RoutedToAction("iam:" + action.Name);
            var caller = await identities.FindUserAsync(principal.UserId!, cancellationToken)
                ?? throw new CairnException(ErrorCode.InvalidClientTokenId);
            var call = new IamCall(parameters, caller, cancellationToken);
            var resource = action.OnUserList ? IamPermissions.UserListArn : Core.Authorization.Arns.User(call.TargetName);
            await permissions.RequireAsync(context, caller, action, resource, cancellationToken);
            var result = await action.RunAsync(call);
            await IamXml.WriteResultAsync(response, action.Name, result, requestId, cancellationToken);
        }
        catch (CairnException e)
        {
            await WriteErrorAsync(context, e, requestId);
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
            Log.Unhandled(logger, e, requestId);
            await WriteErrorAsync(context, new CairnException(ErrorCode.InternalError), requestId);
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
        new(ErrorCode.ValidationError, $"The request body is larger than the admin API accepts ({MaxBodyBytes} bytes).");

    private async Task WriteErrorAsync(HttpContext context, CairnException error, string requestId)
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
            await IamXml.WriteErrorAsync(response, entry, error.Detail ?? entry.Message, requestId, context.RequestAborted);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away while its error was written.
        }
        catch (Exception e)
        {
            Log.Unhandled(logger, e, requestId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Admin API request {RequestId} failed unexpectedly")]
        public static partial void Unhandled(ILogger logger, Exception exception, string requestId);
    }
}
