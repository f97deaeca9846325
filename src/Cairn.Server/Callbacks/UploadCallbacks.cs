using System.Diagnostics;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Server.Hosting;
using Cairn.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Upload callbacks (docs/oss-compatibility.md "Upload callbacks"): after PutObject, CompleteMultipartUpload or a form
/// upload has stored its object, Cairn POSTs to the app server the client named, signed with Cairn's RSA key, and the
/// app server's JSON becomes the client's answer. Both dialects honour x-oss-callback (an extension in S3's).
/// </summary>
internal sealed partial class UploadCallbacks(
    IOptions<CairnOptions> options,
    CallbackTargetGuard targets,
    CallbackSender sender,
    CallbackMetrics metrics,
    ILogger<UploadCallbacks> logger)
{
    private readonly OssCallbackOptions _options = options.Value.Oss.Callback;

    /// <summary>
    /// The callback the request carries in its headers or query, validated (400 InvalidArgument when malformed, or
    /// when its target is refused); null when it asks for none. Called before the body is read.
    /// </summary>
    public Task<UploadCallbackRequest?> ReadAsync(OperationRequest r) => CheckAsync(r, form: null);

    /// <summary>The callback a form upload carries in its fields (<c>callback</c> and <c>x:*</c>); null when none.</summary>
    public Task<UploadCallbackRequest?> ReadFormAsync(OperationRequest r, IReadOnlyDictionary<string, string> fields) => CheckAsync(r, fields);

    /// <summary>
    /// Calls the app server about <paramref name="stored"/> and answers the client: 200 with the app server's JSON,
    /// or 203 CallbackFailed (the object stays). The dialect has already written the stored object's headers.
    /// </summary>
    public async Task AnswerAsync(OperationRequest r, UploadCallbackRequest callback, ObjectRecord stored)
    {
        var system = CallbackSystemVariables.For(
            stored, r.Operation, r.RequestId, r.Http.Connection.RemoteIpAddress, r.Response.Headers.ETag.ToString());
        var body = callback.Body.Render(system, callback.Variables);
        var keyUrl = _options.PublicKeyUrl is { Length: > 0 } configured ? configured : CallbackPublicKeyEndpoint.UrlOn(r.Http);
        metrics.Attempted();
        var started = Stopwatch.GetTimestamp();
        var outcome = await sender.SendAsync(callback, body, keyUrl, _options.Timeout, r.Aborted);
        metrics.Finished(outcome, Stopwatch.GetElapsedTime(started));
        if (outcome.Body is { } answer)
        {
            r.Response.StatusCode = StatusCodes.Status200OK;
            r.Response.ContentType = CallbackBodyTypes.JsonMediaType;
            r.Response.ContentLength = answer.Length;
            await r.Response.Body.WriteAsync(answer, r.Aborted);
            return;
        }

        Log.Failed(logger, r.RequestId, stored.Bucket, outcome.Failure!.Value, outcome.Message);
        var failure = new CairnException(ErrorCode.CallbackFailed, outcome.Message);
        var entry = r.Dialect.DescribeError(failure, r.Request);
        r.Response.StatusCode = entry.Status;
        await r.Dialect.WriteErrorAsync(r.Response, entry, outcome.Message, r.Target.Resource, r.RequestId, null, null, r.Aborted);
    }

    private async Task<UploadCallbackRequest?> CheckAsync(OperationRequest r, IReadOnlyDictionary<string, string>? form)
    {
        if (CallbackCarriers.Find(r.Request, form) is not var (argument, encoded, variables))
        {
            return null;
        }

        var callback = CallbackParser.Parse(argument, encoded, variables);
        await targets.CheckAsync(callback, argument, r.Aborted);
        return callback;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Warning,
            Message = "Upload callback for request {RequestId} (bucket {Bucket}) failed ({Reason}): {Detail}; the object is stored and the client answered 203 CallbackFailed")]
        public static partial void Failed(ILogger logger, string requestId, string bucket, CallbackFailure reason, string detail);
    }
}
