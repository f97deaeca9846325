using System.Globalization;
using Cairn.Core.Lifecycle;

namespace Cairn.Server.Dialects;

/// <summary>
/// The text of the deadline headers (x-amz-expiration and OSS's x-oss-expiration, x-amz-abort-date and
/// x-amz-abort-rule-id). A rule ID is client text of up to 255 characters of any kind. In x-amz-expiration it travels
/// URL-encoded, as S3 documents: plain ASCII without quotes or control characters, safe inside the quoted
/// <c>rule-id="…"</c>. x-amz-abort-rule-id is the bare ID, which SDKs read as is: it is sent unchanged when it is
/// printable ASCII, and URL-encoded only when it holds a character a header cannot carry (docs/lifecycle.md).
/// </summary>
internal static class LifecycleHeaderValues
{
    /// <summary><c>expiry-date="Sun, 14 Oct 2018 00:00:00 GMT", rule-id="…"</c>.</summary>
    public static string Expiration(LifecycleDeadline deadline) =>
        $"expiry-date=\"{Date(deadline.At)}\", rule-id=\"{RuleId(deadline.RuleId)}\"";

    /// <summary>An HTTP date (RFC 1123), always GMT.</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The rule ID inside x-amz-expiration: URL-encoded.</summary>
    public static string RuleId(string id) => Uri.EscapeDataString(id);

    /// <summary>The rule ID as x-amz-abort-rule-id: unchanged when printable ASCII, else URL-encoded.</summary>
    public static string AbortRuleId(string id) => id.All(c => c is >= ' ' and <= '~') ? id : RuleId(id);
}
