using System.Globalization;

namespace Cairn.Server.Iam;

/// <summary>
/// The global condition keys every query API call has besides those of its caller (aws:username and aws:userid
/// follow from the policy caller): where it comes from, whether over TLS, and when. The S3-specific keys do not apply.
/// </summary>
internal static class QueryApiConditions
{
    public static Dictionary<string, IReadOnlyList<string>> Of(HttpContext context, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(time);
        return new(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:SourceIp"] = [context.Connection.RemoteIpAddress?.ToString() ?? string.Empty],
            ["aws:SecureTransport"] = [context.Request.IsHttps ? "true" : "false"],
            ["aws:CurrentTime"] = [time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)],
        };
    }
}
