using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Verifies SigV4 header auth (docs/s3-compatibility.md "Signature V4 in the Authorization header") and presigned URLs
/// (docs/s3-compatibility.md "Presigned URLs") for one service: "s3" for the S3 API, "iam" for the admin API. The
/// payload hash is S3's x-amz-content-sha256 unless the caller computed it from the body (the admin API does).
/// </summary>
internal sealed class SigV4Verifier
{
    /// <summary>Presigned URLs may live at most 7 days (docs/s3-compatibility.md "Presigned URLs").</summary>
    public const int MaxPresignExpirySeconds = 604800;

    private const string StringToSignAlgorithm = "AWS4-HMAC-SHA256";
    private const string NeedsValidDate = "AWS authentication requires a valid Date or x-amz-date header";

    private readonly AccessKeyResolver _accessKeys;
    private readonly TimeProvider _time;
    private readonly SigningKeyCache _keys;
    private readonly string _service;

    /// <param name="accessKeys">Looks up the signing key's secret and principal.</param>
    /// <param name="time">The clock request times and expiries are checked against.</param>
    /// <param name="keys">Derived signing keys, shared by every verifier.</param>
    /// <param name="service">The service credential scopes must name.</param>
    public SigV4Verifier(AccessKeyResolver accessKeys, TimeProvider time, SigningKeyCache keys, string service)
    {
        _accessKeys = accessKeys;
        _time = time;
        _keys = keys;
        _service = service;
    }

    /// <summary>
    /// Verifies an Authorization header. <paramref name="payloadHash"/> is the hex SHA-256 of a body the caller has
    /// read already; null takes the hash from x-amz-content-sha256, which S3 then requires.
    /// </summary>
    public async Task<SigV4Verified> VerifyHeaderAsync(HttpRequest request, RequestTarget target, string authorization,
        string? payloadHash, CancellationToken cancellationToken)
    {
        var auth = SigV4Authorization.Parse(authorization, _service);
        var credential = auth.Credential;
        var accessKey = await _accessKeys.ResolveAsync(credential.AccessKeyId,
            request.Headers[AuthHeaders.AmzSecurityToken].ToString(), cancellationToken);

        // With header auth S3 requires the payload hash header; it is the last line of the canonical request.
        var contentSha256 = payloadHash ?? request.Headers[AuthHeaders.AmzContentSha256].ToString().Trim();
        if (contentSha256.Length == 0)
        {
            throw new CairnException(ErrorCode.InvalidRequest,
                "Missing required header for this request: x-amz-content-sha256");
        }

        var mode = ContentSha256.Parse(contentSha256, out var payloadSha256);
        var amzDate = RequestTime(request);
        credential.RequireDateOf(amzDate, ErrorCode.AuthorizationHeaderMalformed);

        var key = _keys.Get(credential.AccessKeyId, accessKey.Secret, credential.Date, credential.Region, _service);
        var canonical = SigV4Canonical.BuildRequest(request.Method, target, request.Headers, auth.SignedHeaders,
            contentSha256, excludedParameter: null);
        var signature = Verify(canonical, amzDate, credential, key, auth.Signature);
        return new SigV4Verified(accessKey.Principal, key, amzDate, credential.Scope, signature, mode, payloadSha256);
    }

    /// <summary>
    /// Verifies a presigned query. <paramref name="payloadHash"/> is the hex SHA-256 of a body the caller has read
    /// already; null takes X-Amz-Content-Sha256 from the query, else UNSIGNED-PAYLOAD (S3's presigned URLs).
    /// </summary>
    public async Task<SigV4Verified> VerifyPresignedAsync(HttpRequest request, RequestTarget target, string? payloadHash,
        CancellationToken cancellationToken)
    {
        const ErrorCode paramsError = ErrorCode.AuthorizationQueryParametersError;
        var algorithm = Require(target, AuthQueryParameters.Algorithm);
        if (algorithm.StartsWith("AWS4-ECDSA", StringComparison.Ordinal))
        {
            throw new CairnException(ErrorCode.NotImplemented, "SigV4a (AWS4-ECDSA-P256-SHA256) presigned URLs are not supported.");
        }

        if (algorithm != SigV4Authorization.Algorithm)
        {
            throw new CairnException(paramsError, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }

        var credential = SigV4Credential.Parse(Require(target, AuthQueryParameters.Credential), paramsError, _service);
        var amzDate = Require(target, AuthQueryParameters.Date);
        if (!AmzDate.TryParseIso(amzDate, out var signedAt))
        {
            throw new CairnException(paramsError, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }

        credential.RequireDateOf(amzDate, paramsError);
        var expiresText = Require(target, AuthQueryParameters.Expires);
        if (!int.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires < 1 || expires > MaxPresignExpirySeconds)
        {
            throw new CairnException(paramsError,
                "X-Amz-Expires must be a number of seconds from 1 to 604800 (7 days).");
        }

        var signedHeaders = SigV4Authorization.ParseSignedHeaders(Require(target, AuthQueryParameters.SignedHeaders), paramsError);
        var providedSignature = Require(target, AuthQueryParameters.Signature);
        var accessKey = await _accessKeys.ResolveAsync(credential.AccessKeyId,
            target.Get(AuthQueryParameters.SecurityToken) ?? request.Headers[AuthHeaders.AmzSecurityToken].ToString(), cancellationToken);

        var now = _time.GetUtcNow();
        if (signedAt - now > AmzDate.MaxSkew)
        {
            throw new CairnException(ErrorCode.AccessDenied, "Request is not valid yet");
        }

        if (now > signedAt.AddSeconds(expires))
        {
            throw new CairnException(ErrorCode.AccessDenied, "Request has expired")
            {
                Extra = new Dictionary<string, string>
                {
                    ["X-Amz-Expires"] = expiresText,
                    ["Expires"] = AmzDate.FormatServerTime(signedAt.AddSeconds(expires)),
                    ["ServerTime"] = AmzDate.FormatServerTime(now),
                },
            };
        }

        // The payload is unsigned unless the URL carries its hash (docs/s3-compatibility.md "Presigned URLs").
        payloadHash ??= target.Get(AuthQueryParameters.ContentSha256) ?? ContentSha256.UnsignedPayload;
        var mode = ContentSha256.Parse(payloadHash, out var payloadSha256);
        if (mode is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer)
        {
            throw new CairnException(ErrorCode.InvalidRequest, "Signed streaming payloads cannot be used with presigned URLs.");
        }

        var key = _keys.Get(credential.AccessKeyId, accessKey.Secret, credential.Date, credential.Region, _service);
        var canonical = SigV4Canonical.BuildRequest(request.Method, target, request.Headers, signedHeaders, payloadHash,
            excludedParameter: AuthQueryParameters.Signature);
        var signature = Verify(canonical, amzDate, credential, key, providedSignature);
        return new SigV4Verified(accessKey.Principal, key, amzDate, credential.Scope, signature, mode, payloadSha256);
    }

    /// <summary>x-amz-date, else Date; within 15 minutes of server time. Returns the ISO basic form.</summary>
    private string RequestTime(HttpRequest request)
    {
        var amzDate = request.Headers[AuthHeaders.AmzDate].ToString().Trim();
        DateTimeOffset time;
        if (amzDate.Length > 0)
        {
            if (!AmzDate.TryParseIso(amzDate, out time))
            {
                throw new CairnException(ErrorCode.AccessDenied, NeedsValidDate);
            }
        }
        else
        {
            var date = request.Headers[AuthHeaders.Date].ToString();
            if (!AmzDate.TryParseHttp(date, out time))
            {
                throw new CairnException(ErrorCode.AccessDenied, NeedsValidDate);
            }

            amzDate = AmzDate.FormatIso(time);
        }

        AmzDate.CheckSkew(time, amzDate, _time.GetUtcNow());
        return amzDate;
    }

    private static byte[] Verify(string canonicalRequest, string amzDate, SigV4Credential credential, byte[] key, string provided)
    {
        var canonicalHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        var stringToSign = $"{StringToSignAlgorithm}\n{amzDate}\n{credential.Scope}\n{canonicalHash}";
        var computed = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign));
        Span<byte> sent = stackalloc byte[32];
        if (!Hex.TryDecode(provided.AsSpan(), sent) || !CryptographicOperations.FixedTimeEquals(computed, sent))
        {
            throw new CairnException(ErrorCode.SignatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
            {
                Extra = new Dictionary<string, string>
                {
                    ["AWSAccessKeyId"] = credential.AccessKeyId,
                    ["StringToSign"] = stringToSign,
                    ["SignatureProvided"] = provided,
                    ["CanonicalRequest"] = canonicalRequest,
                },
            };
        }

        return computed;
    }

    private static string Require(RequestTarget target, string name) =>
        target.Get(name) ?? throw new CairnException(ErrorCode.AuthorizationQueryParametersError,
            $"Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters; {name} is missing.");
}
