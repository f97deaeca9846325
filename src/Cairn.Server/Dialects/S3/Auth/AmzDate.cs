using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>Request-time formats: ISO 8601 basic (<c>20240501T120000Z</c>) and HTTP dates (docs/s3-compatibility.md "Signature V4 in the Authorization header").</summary>
internal static class AmzDate
{
    public const string IsoBasicFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Requests may be at most this far from server time (docs/s3-compatibility.md "Signature V4 in the Authorization header": 15 minutes).</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    private static readonly string[] HttpFormats =
    [
        "r",                                   // RFC 1123: Wed, 01 May 2024 12:00:00 GMT
        "ddd, d MMM yyyy H:m:s 'GMT'",
        "ddd, d MMM yyyy H:m:s 'UTC'",
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",      // RFC 850
        "ddd MMM d HH:mm:ss yyyy",             // asctime
        "ddd, d MMM yyyy H:m:s zzz",           // RFC 2822 numeric offset, after the colon is put in
    ];

    public static bool TryParseIso(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, IsoBasicFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>
    /// Parses an HTTP date in one of the forms HTTP defines (RFC 1123, RFC 850, asctime) or with a numeric offset
    /// (<c>+0000</c>, seen in SigV2 clients). Nothing else: a date S3 would not read is no date (AccessDenied).
    /// </summary>
    public static bool TryParseHttp(string? value, out DateTimeOffset time)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            time = default;
            return false;
        }

        value = value.Trim();
        if (value.Length > 5 && value[^5] is '+' or '-' && value[^4..].All(char.IsAsciiDigit))
        {
            value = value[..^2] + ":" + value[^2..];
        }

        return DateTimeOffset.TryParseExact(value, HttpFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowInnerWhite, out time);
    }

    /// <summary>Either form: ISO basic first (x-amz-date), then HTTP date.</summary>
    public static bool TryParseAny(string? value, out DateTimeOffset time) =>
        TryParseIso(value?.Trim(), out time) || TryParseHttp(value, out time);

    public static string FormatIso(DateTimeOffset time) =>
        time.UtcDateTime.ToString(IsoBasicFormat, CultureInfo.InvariantCulture);

    /// <summary>Server time as AWS shows it in error bodies (<c>2024-05-01T12:00:00Z</c>).</summary>
    public static string FormatServerTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>More than 15 minutes between request and server time is 403 RequestTimeTooSkewed (docs/s3-compatibility.md "Signature V4 in the Authorization header").</summary>
    public static void CheckSkew(DateTimeOffset requestTime, string shownTime, DateTimeOffset now)
    {
        if ((requestTime - now).Duration() > MaxSkew)
        {
            throw new CairnException(ErrorCode.RequestTimeTooSkewed,
                "The difference between the request time and the current time is too large.")
            {
                Extra = new Dictionary<string, string>
                {
                    ["RequestTime"] = shownTime,
                    ["ServerTime"] = FormatServerTime(now),
                    ["MaxAllowedSkewMilliseconds"] = "900000",
                },
            };
        }
    }
}
