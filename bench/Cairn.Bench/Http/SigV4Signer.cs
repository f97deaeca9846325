using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Bench.Http;

/// <summary>
/// A minimal AWS Signature Version 4 signer for the raw path: header authorization with
/// <c>x-amz-content-sha256: UNSIGNED-PAYLOAD</c>, so the client never hashes a body (the SDK's streaming signatures
/// cost a SHA-256 per byte on the client, which would make the client the bottleneck). Signs only host,
/// x-amz-content-sha256 and x-amz-date. The caller passes the canonical (already encoded) path and query; the
/// request URI must be built from the same strings. Steps from the AWS SigV4 documentation
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). Thread-safe.
/// </summary>
internal sealed class SigV4Signer(string accessKey, string secretKey, string region)
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string SignedHeaders = "host;x-amz-content-sha256;x-amz-date";

    /// <summary>The signing key of one UTC day; replaced (atomically, by reference) when the day changes.</summary>
    private DayKey? _dayKey;

    public void Sign(HttpRequestMessage request, string canonicalPath, string canonicalQuery)
    {
        var host = request.RequestUri!.Authority;
        var amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var scope = $"{day}/{region}/s3/aws4_request";

        var canonicalRequest = string.Concat(
            request.Method.Method, "\n",
            canonicalPath, "\n",
            canonicalQuery, "\n",
            "host:", host, "\n",
            "x-amz-content-sha256:", UnsignedPayload, "\n",
            "x-amz-date:", amzDate, "\n",
            "\n",
            SignedHeaders, "\n",
            UnsignedPayload);
        var stringToSign = string.Concat(
            Algorithm, "\n", amzDate, "\n", scope, "\n",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(KeyFor(day), Encoding.UTF8.GetBytes(stringToSign)));

        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", UnsignedPayload);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={accessKey}/{scope}, SignedHeaders={SignedHeaders}, Signature={signature}");
    }

    private byte[] KeyFor(string day)
    {
        var current = _dayKey;
        if (current is not null && current.Day == day)
        {
            return current.Key;
        }

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day);
        key = Hmac(key, region);
        key = Hmac(key, "s3");
        key = Hmac(key, "aws4_request");
        _dayKey = new DayKey(day, key);
        return key;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private sealed record DayKey(string Day, byte[] Key);
}
