using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// The request-authentication stage: finds which signature a request carries (SigV4 header or query, SigV2 header or
/// query, or none), verifies it before the body is read (docs/s3-compatibility.md "Payload modes": so Expect: 100-continue gets the 4xx), and
/// decides how the body must be decoded. The access key is looked up through the identity port
/// (<see cref="AccessKeyResolver"/>); the result names the <see cref="Principal"/> the request acts as. A form upload
/// carries its signature in its fields instead: <see cref="AuthenticateFormAsync"/> verifies those with the same keys.
/// Thread-safe; one instance serves every request.
/// </summary>
internal sealed class RequestAuthenticator
{
    private readonly SigV4Verifier _sigV4;
    private readonly SigV2Verifier _sigV2;
    private readonly PostFormVerifier _form;

    /// <param name="accessKeys">Resolves access keys and session tokens (one resolver serves every way of signing).</param>
    /// <param name="signingKeys">Derived SigV4 signing keys.</param>
    /// <param name="time">The clock request times and expiries are checked against.</param>
    public RequestAuthenticator(AccessKeyResolver accessKeys, SigningKeyCache signingKeys, TimeProvider time)
    {
        _sigV4 = new SigV4Verifier(accessKeys, time, signingKeys, SigningKey.S3Service);
        _sigV2 = new SigV2Verifier(accessKeys, time);
        _form = new PostFormVerifier(accessKeys, signingKeys);
    }

    /// <summary>
    /// Verifies the signature of a form upload's policy, carried in its fields (docs/s3-compatibility.md "POST
    /// Object"); an anonymous result when the form carries neither a policy nor a signature.
    /// </summary>
    /// <param name="fields">The form's fields before its file, names compared ignoring case.</param>
    /// <param name="cancellationToken">Ends the access key lookup when the client goes away.</param>
    public Task<AuthResult> AuthenticateFormAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        _form.VerifyAsync(fields, cancellationToken);

    /// <summary>
    /// Verifies whatever signature the request carries; throws CairnException on failure; returns an anonymous result
    /// when it carries none.
    /// </summary>
    /// <param name="request">The request, before its body is read.</param>
    /// <param name="virtualHostBucket">The bucket taken from the Host header in virtual-hosted-style addressing (null
    /// for path-style); SigV2 needs it for its canonical resource.</param>
    /// <param name="cancellationToken">Ends the access key lookup when the client goes away.</param>
    public async Task<AuthResult> AuthenticateAsync(HttpRequest request, string? virtualHostBucket, CancellationToken cancellationToken)
    {
        var target = RequestTarget.From(request);
        var authorizationValues = request.Headers[AuthHeaders.Authorization];
        if (authorizationValues.Count > 1)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "Only one Authorization header is allowed.")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = AuthHeaders.Authorization },
            };
        }

        var authorization = authorizationValues.ToString().Trim();
        var v4Query = target.Has(AuthQueryParameters.Algorithm) || target.Has(AuthQueryParameters.Credential)
            || target.Has(AuthQueryParameters.Signature);
        var v2Query = target.Has(AuthQueryParameters.V2AccessKeyId);

        if (authorization.Length > 0)
        {
            if (v4Query || v2Query)
            {
                throw OnlyOneMechanism();
            }

            if (authorization.StartsWith(SigV4Authorization.Algorithm + " ", StringComparison.Ordinal))
            {
                var verified = await _sigV4.VerifyHeaderAsync(request, target, authorization, payloadHash: null, cancellationToken);
                return Signed(Result(request, verified.Principal, verified.PayloadMode, verified.PayloadSha256, verified), SigV4, Header);
            }

            if (authorization.StartsWith("AWS4-ECDSA-P256-SHA256", StringComparison.Ordinal))
            {
                throw new CairnException(ErrorCode.NotImplemented, "SigV4a (AWS4-ECDSA-P256-SHA256) signatures are not supported.");
            }

            if (authorization.StartsWith(SigV2Verifier.Scheme, StringComparison.Ordinal))
            {
                return Signed(Unverified(request, await _sigV2.VerifyHeaderAsync(request, target, authorization, virtualHostBucket, cancellationToken)), SigV2, Header);
            }

            throw new CairnException(ErrorCode.InvalidArgument, "Unsupported Authorization Type")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = AuthHeaders.Authorization },
            };
        }

        if (v4Query && v2Query)
        {
            throw OnlyOneMechanism();
        }

        if (v4Query)
        {
            var verified = await _sigV4.VerifyPresignedAsync(request, target, payloadHash: null, cancellationToken);

            // Only a hash inside the signed query binds the body; otherwise it is read as for unsigned requests.
            return Signed(verified.PayloadMode == PayloadMode.Unsigned
                ? Unverified(request, verified.Principal)
                : Result(request, verified.Principal, verified.PayloadMode, verified.PayloadSha256, verified), SigV4, Query);
        }

        if (v2Query)
        {
            return Signed(Unverified(request, await _sigV2.VerifyPresignedAsync(request, target, virtualHostBucket, cancellationToken)), SigV2, Query);
        }

        return Unverified(request, Principal.Anonymous);
    }

    private const string SigV4 = "AWS4-HMAC-SHA256";
    private const string SigV2 = "AWS";
    private const string Header = "REST-HEADER";
    private const string Query = "REST-QUERY-STRING";

    /// <summary>The result with how it was signed, as policies' s3:signatureversion and s3:authType see it.</summary>
    private static AuthResult Signed(AuthResult result, string version, string authType) =>
        result.SignedWith(version, authType);

    /// <summary>
    /// A request whose body is not covered by a SigV4 signature (SigV2, presigned, anonymous): a hex
    /// x-amz-content-sha256 is still checked and STREAMING-UNSIGNED-PAYLOAD-TRAILER still decoded, but signed
    /// streaming needs a SigV4 seed signature.
    /// </summary>
    private static AuthResult Unverified(HttpRequest request, Principal principal)
    {
        var value = request.Headers[AuthHeaders.AmzContentSha256].ToString().Trim();
        if (value.Length == 0)
        {
            return Result(request, principal, PayloadMode.Unsigned, null, null);
        }

        var mode = ContentSha256.Parse(value, out var sha256);
        if (mode is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer)
        {
            throw new CairnException(ErrorCode.InvalidRequest,
                "Signed streaming payloads require AWS Signature Version 4 in the Authorization header.");
        }

        return Result(request, principal, mode, sha256, null);
    }

    private static AuthResult Result(HttpRequest request, Principal principal, PayloadMode mode, byte[]? sha256, SigV4Verified? sigV4)
    {
        long? decodedLength = null;
        string? declaredTrailer = null;
        if (ContentSha256.IsChunked(mode))
        {
            decodedLength = DecodedContentLength(request);
            if (mode != PayloadMode.StreamingSigned)
            {
                var trailer = request.Headers[AuthHeaders.AmzTrailer].ToString().Trim();
                declaredTrailer = trailer.Length == 0 ? null : trailer.ToLowerInvariant();
            }
        }

        return new AuthResult(principal, mode, sha256, sigV4, decodedLength, declaredTrailer, request.ContentLength);
    }

    /// <summary>x-amz-decoded-content-length is required with aws-chunked: it is the real payload size (docs/s3-compatibility.md "Payload modes").</summary>
    private static long DecodedContentLength(HttpRequest request)
    {
        var value = request.Headers[AuthHeaders.AmzDecodedContentLength].ToString().Trim();
        if (value.Length == 0)
        {
            throw new CairnException(ErrorCode.MissingContentLength,
                "You must provide the x-amz-decoded-content-length HTTP header with aws-chunked uploads.");
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new CairnException(ErrorCode.InvalidArgument, "x-amz-decoded-content-length is not a valid length.")
            {
                Extra = new Dictionary<string, string>
                {
                    ["ArgumentName"] = AuthHeaders.AmzDecodedContentLength,
                    ["ArgumentValue"] = value,
                },
            };
        }

        return length;
    }

    private static CairnException OnlyOneMechanism() =>
        new(ErrorCode.InvalidArgument,
            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified");
}
