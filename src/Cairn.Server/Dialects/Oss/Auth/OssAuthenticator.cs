using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// Verifies an OSS request's signature (docs/oss-compatibility.md "Signatures"): V1 and V4, in the Authorization
/// header or a signed URL, with x-oss-security-token (security-token in a V1 URL) for temporary credentials;
/// anonymous when it carries none. It runs before the body is read, so a refused upload never stores anything.
/// OSS bodies are plain: no aws-chunked framing, only an optional x-oss-content-sha256 digest in V4.
/// </summary>
internal sealed class OssAuthenticator
{
    private const string Header = "REST-HEADER";
    private const string Query = "REST-QUERY-STRING";

    private readonly OssV1Verifier _v1;
    private readonly OssV4Verifier _v4;

    public OssAuthenticator(AccessKeyResolver keys, TimeProvider time)
    {
        var resolver = new OssKeyResolver(keys);
        _v1 = new OssV1Verifier(resolver, time);
        _v4 = new OssV4Verifier(resolver, time);
    }

    public async Task<AuthResult> AuthenticateAsync(HttpRequest request, ResourcePath target, CancellationToken cancellationToken)
    {
        var raw = RequestTarget.From(request);
        var authorizations = request.Headers.Authorization;
        if (authorizations.Count > 1)
        {
            throw OnlyOne("Only one Authorization header is allowed.");
        }

        var authorization = authorizations.ToString().Trim();
        var v1Url = raw.Has(OssAuthSchemes.V1AccessKeyIdParameter);
        var v4Url = raw.Has(OssAuthSchemes.V4SignatureVersionParameter);
        if (authorization.Length > 0 && (v1Url || v4Url) || v1Url && v4Url)
        {
            throw OnlyOne("Only one way of signing is allowed: the Authorization header, a V1 signed URL or a V4 signed URL.");
        }

        if (authorization.StartsWith(OssAuthSchemes.V4 + " ", StringComparison.Ordinal))
        {
            var (principal, mode, sha256) = await _v4.VerifyHeaderAsync(request, target, raw, authorization[(OssAuthSchemes.V4.Length + 1)..], cancellationToken);
            return Result(request, principal, mode, sha256).SignedWith(OssAuthSchemes.V4, Header);
        }

        if (authorization.StartsWith(OssAuthSchemes.V1 + " ", StringComparison.Ordinal))
        {
            var principal = await _v1.VerifyHeaderAsync(request, target, raw, authorization[(OssAuthSchemes.V1.Length + 1)..].Trim(), cancellationToken);
            return Result(request, principal, PayloadMode.Unsigned, null).SignedWith(OssAuthSchemes.V1, Header);
        }

        if (authorization.Length > 0)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "Unsupported Authorization type.")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = AuthHeaders.Authorization },
            };
        }

        if (v4Url)
        {
            var principal = await _v4.VerifyPresignedAsync(request, target, raw, cancellationToken);
            return Result(request, principal, PayloadMode.Unsigned, null).SignedWith(OssAuthSchemes.V4, Query);
        }

        if (v1Url)
        {
            var principal = await _v1.VerifyUrlAsync(request, target, raw, cancellationToken);
            return Result(request, principal, PayloadMode.Unsigned, null).SignedWith(OssAuthSchemes.V1, Query);
        }

        return AuthResult.Unauthenticated(request);
    }

    private static AuthResult Result(HttpRequest request, Principal principal, PayloadMode mode, byte[]? sha256) =>
        new(principal, mode, sha256, null, null, null, request.ContentLength);

    private static CairnException OnlyOne(string message) =>
        new(ErrorCode.InvalidArgument, message)
        {
            Extra = new Dictionary<string, string> { ["ArgumentName"] = AuthHeaders.Authorization },
        };
}
