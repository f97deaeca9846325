using System.Security.Cryptography;
using System.Text;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// SigV4 key derivation (docs/s3-compatibility.md "Signature V4 in the Authorization header"): HMAC chain over date,
/// region, service, "aws4_request". The service is the one the endpoint answers as: "s3" for the S3 API, "iam" for
/// the admin API; a key derived for one never verifies a request signed for the other.
/// </summary>
internal static class SigningKey
{
    /// <summary>The service of S3 requests' credential scopes.</summary>
    public const string S3Service = "s3";

    public const string Terminator = "aws4_request";

    public static byte[] Derive(string secret, string date, string region, string service)
    {
        Span<byte> current = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date), current);
        Step(current, region);
        Step(current, service);
        Step(current, Terminator);
        return current.ToArray();
    }

    private static void Step(Span<byte> key, string data)
    {
        Span<byte> next = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data), next);
        next.CopyTo(key);
    }
}
