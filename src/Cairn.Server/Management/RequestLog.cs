namespace Cairn.Server.Management;

/// <summary>
/// The one line per S3 request, under a logger category of its own (<see cref="Category"/>) so that standard
/// logging configuration turns it off (<c>Logging:LogLevel:Cairn.Requests=Warning</c>) without touching other
/// logs. The key is logged by length only: keys are user data, and may hold line breaks.
/// </summary>
internal static partial class RequestLog
{
    /// <summary>The logger category of the request lines.</summary>
    public const string Category = "Cairn.Requests";

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "{Operation} bucket={Bucket} keyLength={KeyLength} status={Status} durationMs={DurationMs:F1} bytesIn={BytesIn} bytesOut={BytesOut} requestId={RequestId}")]
    public static partial void Completed(
        ILogger logger, string operation, string bucket, int keyLength, string status, double durationMs, long bytesIn, long bytesOut, string requestId);
}
