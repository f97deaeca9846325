using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Client.Signing;

/// <summary>
/// The pieces of AWS Signature Version 4 that every signer in this library shares: the date forms, the credential
/// scope, the derived signing key and the hashes. The signers differ only in what they sign (a header-signed form
/// POST, a presigned URL, a POST policy), so the key derivation lives here once.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The longest a SigV4 presigned URL (X-Amz-Expires) may be valid: 7 days.</summary>
    public static readonly TimeSpan MaxPresignedValidity = TimeSpan.FromDays(7);

    /// <summary>The ISO 8601 basic form of X-Amz-Date, e.g. <c>20260101T120000Z</c>.</summary>
    public static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>day/region/service/aws4_request</c>, where day is the first 8 characters of the X-Amz-Date.</summary>
    public static string Scope(string amzDate, string region, string service) =>
        $"{amzDate[..8]}/{region}/{service}/aws4_request";

    /// <summary>HMAC chain AWS4+secret → day → region → service → "aws4_request".</summary>
    public static byte[] SigningKey(string secretKey, string amzDate, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), amzDate[..8]);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, "aws4_request");
    }

    /// <summary>The string to sign of a canonical request: algorithm, date, scope and the request's SHA-256.</summary>
    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        string.Join('\n', Algorithm, amzDate, scope, Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest)));

    /// <summary>The lower-case hex HMAC-SHA256 of <paramref name="stringToSign"/> under <paramref name="signingKey"/>.</summary>
    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// RFC 3986 percent-encoding as SigV4 wants it: everything but unreserved characters is encoded (upper-case hex),
    /// and '/' too unless <paramref name="keepSlash"/> (object keys in a path).
    /// </summary>
    public static string UriEncode(string text, bool keepSlash = false)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
