using System.Diagnostics;
using System.Globalization;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Management;

/// <summary>
/// Wraps the request pipeline: times each request, counts the body bytes that crossed in each direction, and when the
/// request ends — answered, failed or abandoned by the client — records it in <see cref="ServerMetrics"/> and writes
/// its <see cref="RequestLog"/> line. What the request was (operation, bucket, request id) comes from the
/// <see cref="RequestTelemetry"/> the pipeline fills in.
/// </summary>
internal sealed class RequestObserver(ServerMetrics metrics, ILoggerFactory loggers)
{
    /// <summary>Label of a request that failed before it was routed (an unparsable target, a bad bucket name).</summary>
    private const string Unrouted = "Unrouted";

    /// <summary>Status label of a request whose connection ended before the answer did.</summary>
    private const string Aborted = "aborted";

    private readonly ILogger _log = loggers.CreateLogger(RequestLog.Category);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var telemetry = new RequestTelemetry();
        context.Features.Set(telemetry);
        var request = new ByteCountingStream(context.Request.Body);
        var response = new ByteCountingStream(context.Response.Body);
        context.Request.Body = request;
        context.Response.Body = response;
        try
        {
            await next(context);
        }
        finally
        {
            var operation = telemetry.OperationName ?? Unrouted;
            var status = context.RequestAborted.IsCancellationRequested ? Aborted : context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Record(operation, status, elapsed, request.BytesRead, response.BytesWritten);
            RequestLog.Completed(
                _log, operation, telemetry.Bucket ?? "-", telemetry.Key?.Length ?? 0, status, elapsed.TotalMilliseconds,
                request.BytesRead, response.BytesWritten, telemetry.RequestId ?? "-");
        }
    }
}
