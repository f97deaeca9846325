using System.Globalization;
using Cairn.Core.Lifecycle;

namespace Cairn.Server.Dialects;

/// <summary>
/// The text of the deadline headers (x-amz-expiration and OSS's x-oss-expiration, x-amz-abort-date and
/// x-amz-abort-rule-id). A rule ID is client text of up to 255 characters of any kind, so it travels URL-encoded,
/// as S3 documents for x-amz-expiration: every value is then plain ASCII without quotes or control characters,
/// safe in a header and inside the quoted <c>rule-id="…"</c>.
/// </summary>
internal static class LifecycleHeaderValues
{
    /// <summary><c>expiry-date="Sun, 14 Oct 2018 00:00:00 GMT", rule-id="…"</c>.</summary>
    public static string Expiration(LifecycleDeadline deadline) =>
        $"expiry-date=\"{Date(deadline.At)}\", rule-id=\"{RuleId(deadline.RuleId)}\"";

    /// <summary>An HTTP date (RFC 1123), always GMT.</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    public static string RuleId(string id) => Uri.EscapeDataString(id);
}
