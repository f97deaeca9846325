using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace Cairn.Client.Retry;

/// <summary>
/// Decides whether a failure is worth another attempt: broken or refused connections, timeouts, 5xx answers
/// and S3's throttling codes are; authentication, missing buckets and other 4xx answers are not, because
/// sending the same request again cannot change them. Neither are two 5xx answers that say so themselves:
/// 501 NotImplemented (the server lacks the feature) and 507 InsufficientStorage (its disk is full until
/// someone frees space; a file copy keeps its checkpoint and resumes later).
/// </summary>
internal static class TransientErrors
{
    private static readonly HashSet<HttpStatusCode> PermanentServerErrors = [HttpStatusCode.NotImplemented, HttpStatusCode.InsufficientStorage];

    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException",
        "RequestTimeTooSkewed", "IncompleteBody", "BadDigest", "XAmzContentSHA256Mismatch",
    };

    public static bool IsTransient(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PartIntegrityException:
                    return true;
                case AmazonUnmarshallingException:
                    // A response cut off in the middle of its XML.
                    return true;
                case AmazonServiceException service when service.StatusCode != 0:
                    if (((int)service.StatusCode >= 500 && !PermanentServerErrors.Contains(service.StatusCode))
                        || service.StatusCode == HttpStatusCode.RequestTimeout
                        || (service.ErrorCode is { } code && RetryableCodes.Contains(code)))
                    {
                        return true;
                    }

                    if (current.InnerException is null)
                    {
                        return false;
                    }

                    break;
                case OperationCanceledException:
                    // Not our token (checked above): HttpClient's own timeout.
                    return true;
                case IOException or SocketException or HttpRequestException or TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
