using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Client.Iam;

/// <summary>
/// Signs a form-encoded query API call (IAM's) with AWS Signature Version 4 in the Authorization header: the
/// canonical request covers the method, path, Content-Type, Host and X-Amz-Date, and the SHA-256 of the body. Kept
/// here because AWSSDK.Core's signer only signs requests of its own service clients.
/// </summary>
internal sealed class QueryRequestSigner(CairnConnection connection, string service)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string DateHeader = "X-Amz-Date";

    /// <summary>Adds X-Amz-Date and Authorization to <paramref name="request"/>, whose content must be <paramref name="body"/>.</summary>
    public void Sign(HttpRequestMessage request, byte[] body, string contentType, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var scope = $"{day}/{connection.Region}/{service}/aws4_request";
        const string signedHeaders = "content-type;host;x-amz-date";
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath,
            string.Empty,
            $"content-type:{contentType}\nhost:{uri.Authority}\nx-amz-date:{amzDate}\n",
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + connection.SecretKey), day);
        key = Hmac(key, connection.Region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));

        request.Headers.Add(DateHeader, amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={connection.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
