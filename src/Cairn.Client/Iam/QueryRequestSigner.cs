using Cairn.Client.Signing;

namespace Cairn.Client.Iam;

/// <summary>
/// Signs a form-encoded query API call (IAM's) with AWS Signature Version 4 in the Authorization header: the
/// canonical request covers the method, path, Content-Type, Host and X-Amz-Date, and the SHA-256 of the body. Kept
/// here because AWSSDK.Core's signer only signs requests of its own service clients.
/// </summary>
internal sealed class QueryRequestSigner(CairnConnection connection, string service)
{
    private const string DateHeader = "X-Amz-Date";

    /// <summary>Adds X-Amz-Date and Authorization to <paramref name="request"/>, whose content must be <paramref name="body"/>.</summary>
    public void Sign(HttpRequestMessage request, byte[] body, string contentType, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var amzDate = SigV4.AmzDate(now);
        var scope = SigV4.Scope(amzDate, connection.Region, service);
        const string signedHeaders = "content-type;host;x-amz-date";
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath,
            string.Empty,
            $"content-type:{contentType}\nhost:{uri.Authority}\nx-amz-date:{amzDate}\n",
            signedHeaders,
            SigV4.Sha256Hex(body));
        var signature = SigV4.Signature(SigV4.SigningKey(connection.SecretKey, amzDate, connection.Region, service),
            SigV4.StringToSign(amzDate, scope, canonicalRequest));

        request.Headers.Add(DateHeader, amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{SigV4.Algorithm} Credential={connection.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }
}
