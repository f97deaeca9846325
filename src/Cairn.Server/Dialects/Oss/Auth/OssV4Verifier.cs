using System.Globalization;
using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// OSS signature V4 (docs/oss-compatibility.md "Signatures"): <c>Authorization: OSS4-HMAC-SHA256 ...</c> with
/// x-oss-date and x-oss-content-sha256, and presigned URLs carrying the same in x-oss-* query parameters.
/// </summary>
internal sealed class OssV4Verifier(OssKeyResolver keys, TimeProvider time)
{
    public const string CredentialParameter = "x-oss-credential";
    public const string DateParameter = "x-oss-date";
    public const string ExpiresParameter = "x-oss-expires";
    public const string AdditionalHeadersParameter = "x-oss-additional-headers";
    public const string SecurityTokenParameter = "x-oss-security-token";

    /// <summary>A presigned URL lives at most seven days.</summary>
    private const long MaxExpiresSeconds = 7 * 24 * 3600;

    /// <summary>Verifies the header form; <paramref name="parameters"/> is what follows the scheme name.</summary>
    public async Task<(Principal Principal, PayloadMode Mode, byte[]? Sha256)> VerifyHeaderAsync(HttpRequest request, ResourcePath target,
        RequestTarget raw, string parameters, CancellationToken cancellationToken)
    {
        var authorization = OssV4Authorization.Parse(parameters);
        var credential = authorization.Credential;
        var requestTime = request.Headers[OssHeaders.Date].ToString().Trim();
        var when = ParseTime(requestTime, OssHeaders.Date, credential);
        var payload = request.Headers[OssHeaders.ContentSha256].ToString().Trim();
        var (mode, sha256) = PayloadOf(payload.Length == 0 ? OssV4Canonical.UnsignedPayload : payload);
        var key = await keys.ResolveAsync(credential.AccessKeyId, request.Headers[OssHeaders.SecurityToken].ToString(), cancellationToken);
        AmzDate.CheckSkew(when, requestTime, time.GetUtcNow());
        Verify(request, target, raw, credential, authorization.AdditionalHeaders, requestTime,
            payload.Length == 0 ? OssV4Canonical.UnsignedPayload : payload, key.Secret, authorization.Signature);
        return (key.Principal, mode, sha256);
    }

    /// <summary>Verifies the presigned form (the caller saw x-oss-signature-version); the body is unsigned.</summary>
    public async Task<Principal> VerifyPresignedAsync(HttpRequest request, ResourcePath target, RequestTarget raw,
        CancellationToken cancellationToken)
    {
        var version = raw.Get(OssAuthSchemes.V4SignatureVersionParameter);
        if (version != OssAuthSchemes.V4)
        {
            throw Invalid(OssAuthSchemes.V4SignatureVersionParameter, version ?? string.Empty, "Unsupported signature version.");
        }

        var credentialText = raw.Get(CredentialParameter);
        var requestTime = raw.Get(DateParameter);
        var expires = raw.Get(ExpiresParameter);
        var signature = raw.Get(OssV4Canonical.SignatureParameter);
        if (string.IsNullOrEmpty(credentialText) || string.IsNullOrEmpty(requestTime) || string.IsNullOrEmpty(expires)
            || string.IsNullOrEmpty(signature))
        {
            throw new CairnException(ErrorCode.AccessDenied,
                "A V4 signed URL needs the x-oss-credential, x-oss-date, x-oss-expires and x-oss-signature parameters.");
        }

        var credential = OssV4Credential.Parse(credentialText, CredentialParameter);
        var when = ParseTime(requestTime, DateParameter, credential);
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > MaxExpiresSeconds)
        {
            throw Invalid(ExpiresParameter, expires, "x-oss-expires must be a number of seconds from 1 to 604800 (7 days).");
        }

        var key = await keys.ResolveAsync(credential.AccessKeyId, raw.Get(SecurityTokenParameter), cancellationToken);
        var now = time.GetUtcNow();
        if (when - now > AmzDate.MaxSkew)
        {
            AmzDate.CheckSkew(when, requestTime, now);
        }

        OssExpiry.Check(when.AddSeconds(seconds), now);
        Verify(request, target, raw, credential, OssV4Authorization.AdditionalNames(raw.Get(AdditionalHeadersParameter)), requestTime,
            OssV4Canonical.UnsignedPayload, key.Secret, signature);
        return key.Principal;
    }

    private static void Verify(HttpRequest request, ResourcePath target, RequestTarget raw, OssV4Credential credential,
        IReadOnlyList<string> additionalHeaders, string requestTime, string payloadHash, string secret, string provided)
    {
        var canonical = OssV4Canonical.BuildRequest(request.Method, target, raw, request.Headers, additionalHeaders, payloadHash);
        var stringToSign = OssV4Canonical.BuildStringToSign(requestTime, credential, canonical);
        var computed = OssV4Canonical.Sign(secret, credential, stringToSign);
        Span<byte> sent = stackalloc byte[32];
        if (!Hex.TryDecode(provided, sent) || !CryptographicOperations.FixedTimeEquals(computed, sent))
        {
            throw OssSignatureMismatch.Create(credential.AccessKeyId, stringToSign, provided);
        }
    }

    /// <summary>The request time (<c>yyyyMMddTHHmmssZ</c>), which must fall on the credential's date.</summary>
    private static DateTimeOffset ParseTime(string value, string carrier, OssV4Credential credential)
    {
        if (!AmzDate.TryParseIso(value, out var when))
        {
            throw new CairnException(ErrorCode.AccessDenied, $"OSS V4 authentication requires a valid {carrier} (yyyyMMddTHHmmssZ).");
        }

        if (!value.StartsWith(credential.Date, StringComparison.Ordinal))
        {
            throw Invalid(carrier, value, "The date of the credential scope does not match " + carrier + ".");
        }

        return when;
    }

    /// <summary>UNSIGNED-PAYLOAD, or a hex SHA-256 the body is checked against while it is read.</summary>
    private static (PayloadMode Mode, byte[]? Sha256) PayloadOf(string value)
    {
        if (value == OssV4Canonical.UnsignedPayload)
        {
            return (PayloadMode.Unsigned, null);
        }

        var sha256 = new byte[32];
        return Hex.TryDecode(value, sha256)
            ? (PayloadMode.Sha256, sha256)
            : throw Invalid(OssHeaders.ContentSha256, value, "x-oss-content-sha256 must be UNSIGNED-PAYLOAD or a hex SHA-256.");
    }

    private static CairnException Invalid(string name, string value, string message) =>
        new(ErrorCode.InvalidArgument, message)
        {
            Extra = new Dictionary<string, string> { ["ArgumentName"] = name, ["ArgumentValue"] = value },
        };
}
