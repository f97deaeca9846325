using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>Verifies legacy SigV2: <c>Authorization: AWS AKID:sig</c> and presigned <c>?AWSAccessKeyId&amp;Expires&amp;Signature</c> (docs/s3-compatibility.md "Signature V2").</summary>
internal sealed class SigV2Verifier
{
    public const string Scheme = "AWS ";

    private readonly AccessKeyResolver _accessKeys;
    private readonly TimeProvider _time;

    public SigV2Verifier(AccessKeyResolver accessKeys, TimeProvider time)
    {
        _accessKeys = accessKeys;
        _time = time;
    }

    /// <summary>Returns the principal the verified key acts as.</summary>
    public async Task<Principal> VerifyHeaderAsync(HttpRequest request, RequestTarget target, string authorization, string? virtualHostBucket,
        CancellationToken cancellationToken)
    {
        var credentials = authorization.AsSpan(Scheme.Length).Trim();
        var colon = credentials.LastIndexOf(':');
        if (colon <= 0 || colon == credentials.Length - 1)
        {
            throw new CairnException(ErrorCode.AuthorizationHeaderMalformed,
                "AWS authorization header is invalid. Expected AwsAccessKeyId:signature");
        }

        var accessKeyId = credentials[..colon].Trim().ToString();
        var signature = credentials[(colon + 1)..].Trim().ToString();
        var accessKey = await _accessKeys.ResolveAsync(accessKeyId, request.Headers[AuthHeaders.AmzSecurityToken].ToString(), cancellationToken);

        // With x-amz-date the Date line is empty and x-amz-date travels among the amz headers.
        var amzDate = request.Headers[AuthHeaders.AmzDate].ToString().Trim();
        var date = request.Headers[AuthHeaders.Date].ToString().Trim();
        var shown = amzDate.Length > 0 ? amzDate : date;
        if (!AmzDate.TryParseAny(shown, out var time))
        {
            throw new CairnException(ErrorCode.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");
        }

        AmzDate.CheckSkew(time, shown, _time.GetUtcNow());
        Verify(request, target, virtualHostBucket, amzDate.Length > 0 ? string.Empty : date, accessKeyId, accessKey.Secret, signature);
        return accessKey.Principal;
    }

    /// <summary>Returns the principal the verified key acts as.</summary>
    public async Task<Principal> VerifyPresignedAsync(HttpRequest request, RequestTarget target, string? virtualHostBucket,
        CancellationToken cancellationToken)
    {
        var accessKeyId = target.Get(AuthQueryParameters.V2AccessKeyId);
        var expires = target.Get(AuthQueryParameters.V2Expires);
        var signature = target.Get(AuthQueryParameters.V2Signature);
        if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature))
        {
            throw new CairnException(ErrorCode.AccessDenied,
                "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds))
        {
            throw new CairnException(ErrorCode.AccessDenied, "Invalid date (should be seconds since epoch): " + expires);
        }

        var accessKey = await _accessKeys.ResolveAsync(accessKeyId,
            target.Get(AuthQueryParameters.V2SecurityToken) ?? request.Headers[AuthHeaders.AmzSecurityToken].ToString(), cancellationToken);
        var now = _time.GetUtcNow();
        if (now.ToUnixTimeSeconds() > expiresSeconds)
        {
            throw new CairnException(ErrorCode.AccessDenied, "Request has expired")
            {
                Extra = new Dictionary<string, string>
                {
                    ["Expires"] = AmzDate.FormatServerTime(DateTimeOffset.FromUnixTimeSeconds(Math.Min(expiresSeconds, 253402300799))),
                    ["ServerTime"] = AmzDate.FormatServerTime(now),
                },
            };
        }

        // A '+' the client forgot to escape arrives decoded as a space; base64 has no spaces.
        Verify(request, target, virtualHostBucket, expires, accessKeyId, accessKey.Secret, signature.Replace(' ', '+'));
        return accessKey.Principal;
    }

    private void Verify(HttpRequest request, RequestTarget target, string? virtualHostBucket, string dateLine,
        string accessKeyId, string secret, string provided)
    {
        Span<byte> sent = stackalloc byte[20];
        var decoded = Convert.TryFromBase64String(provided, sent, out var sentLength) && sentLength == 20;
        var secretBytes = Encoding.UTF8.GetBytes(secret);

        // Path-style bucket requests are signed by some clients as "/bucket/" even when sent as "/bucket".
        var bucketOnly = virtualHostBucket is null && target.RawPath.Length > 1 && target.RawPath.LastIndexOf('/') == 0;
        string? firstStringToSign = null;
        for (var attempt = 0; attempt < (bucketOnly ? 2 : 1); attempt++)
        {
            var resource = SigV2Canonical.BuildResource(target, virtualHostBucket, appendSlash: attempt == 1);
            var stringToSign = SigV2Canonical.BuildStringToSign(request, dateLine, resource);
            firstStringToSign ??= stringToSign;
            var computed = HMACSHA1.HashData(secretBytes, Encoding.UTF8.GetBytes(stringToSign));
            if (decoded && CryptographicOperations.FixedTimeEquals(computed, sent))
            {
                return;
            }
        }

        throw new CairnException(ErrorCode.SignatureDoesNotMatch,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        {
            Extra = new Dictionary<string, string>
            {
                ["AWSAccessKeyId"] = accessKeyId,
                ["StringToSign"] = firstStringToSign!,
                ["SignatureProvided"] = provided,
            },
        };
    }
}
