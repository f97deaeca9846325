using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// OSS signature V1 (docs/oss-compatibility.md "Signatures"): <c>Authorization: OSS AccessKeyId:Signature</c> and signed
/// URLs <c>?OSSAccessKeyId=&amp;Expires=&amp;Signature=</c>; base64 HMAC-SHA1 of the SigV2-shaped string to sign with the
/// x-oss-* headers and OSS's canonical resource.
/// </summary>
internal sealed class OssV1Verifier(OssKeyResolver keys, TimeProvider time)
{
    public const string ExpiresParameter = "Expires";
    public const string SignatureParameter = "Signature";
    public const string SecurityTokenParameter = "security-token";

    /// <summary>Verifies the header form; <paramref name="credentials"/> is what follows "OSS ". Returns the principal.</summary>
    public async Task<Principal> VerifyHeaderAsync(HttpRequest request, ResourcePath target, RequestTarget raw, string credentials,
        CancellationToken cancellationToken)
    {
        var colon = credentials.LastIndexOf(':');
        if (colon <= 0 || colon == credentials.Length - 1)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "Authorization header is invalid. Expected OSS AccessKeyId:Signature.")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = AuthHeaders.Authorization },
            };
        }

        var accessKeyId = credentials[..colon].Trim();
        var signature = credentials[(colon + 1)..].Trim();
        var key = await keys.ResolveAsync(accessKeyId, request.Headers[OssHeaders.SecurityToken].ToString(), cancellationToken);

        // Date wins; browsers cannot set it, so ali-oss signs x-oss-date in its place.
        var date = request.Headers[AuthHeaders.Date].ToString().Trim();
        var shown = date.Length > 0 ? date : request.Headers[OssHeaders.Date].ToString().Trim();
        if (!AmzDate.TryParseHttp(shown, out var requestTime))
        {
            throw new CairnException(ErrorCode.AccessDenied, "OSS authentication requires a valid Date.");
        }

        AmzDate.CheckSkew(requestTime, shown, time.GetUtcNow());
        Verify(request, target, raw, shown, accessKeyId, key.Secret, signature);
        return key.Principal;
    }

    /// <summary>Verifies the signed-URL form (the caller saw OSSAccessKeyId). Returns the principal.</summary>
    public async Task<Principal> VerifyUrlAsync(HttpRequest request, ResourcePath target, RequestTarget raw, CancellationToken cancellationToken)
    {
        var accessKeyId = raw.Get(OssAuthSchemes.V1AccessKeyIdParameter);
        var expires = raw.Get(ExpiresParameter);
        var signature = raw.Get(SignatureParameter);
        if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature))
        {
            throw new CairnException(ErrorCode.AccessDenied, "A signed URL needs the OSSAccessKeyId, Expires and Signature parameters.");
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds))
        {
            throw new CairnException(ErrorCode.AccessDenied, "Invalid Expires (should be seconds since epoch): " + expires);
        }

        var token = raw.Get(SecurityTokenParameter) ?? request.Headers[OssHeaders.SecurityToken].ToString();
        var key = await keys.ResolveAsync(accessKeyId, token, cancellationToken);
        OssExpiry.Check(DateTimeOffset.FromUnixTimeSeconds(Math.Min(expiresSeconds, 253402300799)), time.GetUtcNow());

        // A '+' the client forgot to escape arrives decoded as a space; base64 has no spaces.
        Verify(request, target, raw, expires, accessKeyId, key.Secret, signature.Replace(' ', '+'));
        return key.Principal;
    }

    private static void Verify(HttpRequest request, ResourcePath target, RequestTarget raw, string dateLine, string accessKeyId,
        string secret, string provided)
    {
        var stringToSign = SigV2Canonical.BuildStringToSign(request, dateLine, OssCanonicalResource.ForV1(target, raw), OssHeaders.Prefix);
        Span<byte> sent = stackalloc byte[20];
        var computed = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign));
        if (!Convert.TryFromBase64String(provided, sent, out var length) || length != sent.Length
            || !CryptographicOperations.FixedTimeEquals(computed, sent))
        {
            throw OssSignatureMismatch.Create(accessKeyId, stringToSign, provided);
        }
    }
}
