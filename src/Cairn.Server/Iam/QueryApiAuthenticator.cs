using System.Collections.Frozen;
using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Iam;

/// <summary>
/// Verifies a query API call's SigV4 signature for its service ("iam" or "sts"), in the Authorization header or in
/// the query as botocore and the AWS CLI send them. These clients send no x-amz-content-sha256: the payload hash is
/// computed from the body, which is therefore read (bounded) before verification. A session token
/// (x-amz-security-token) makes the key a temporary credential, verified from its token. An unknown or unusable key
/// is InvalidClientTokenId; an unsigned call is MissingAuthenticationToken; SigV2 is refused, as IAM and STS refuse it.
/// </summary>
internal sealed class QueryApiAuthenticator
{
    private readonly FrozenDictionary<string, SigV4Verifier> _verifiers;

    public QueryApiAuthenticator(IIdentityStore identities, TimeProvider time, SessionVerifier? sessions = null)
    {
        var resolver = new AccessKeyResolver(identities, time, sessions);
        var keys = new SigningKeyCache();
        _verifiers = QueryApiRecognizer.Services.ToFrozenDictionary(service => service, service => new SigV4Verifier(resolver, time, keys, service));
    }

    public async Task<Principal> AuthenticateAsync(HttpRequest request, RequestTarget target, string service, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        var verifier = _verifiers[service];
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        var authorization = request.Headers.Authorization.ToString().Trim();
        try
        {
            if (authorization.Length > 0)
            {
                if (!authorization.StartsWith(SigV4Authorization.Algorithm + " ", StringComparison.Ordinal))
                {
                    throw new CairnException(ErrorCode.AuthorizationHeaderMalformed,
                        "This API accepts AWS Signature Version 4 (AWS4-HMAC-SHA256) only.");
                }

                return (await verifier.VerifyHeaderAsync(request, target, authorization, payloadHash, cancellationToken)).Principal;
            }

            if (target.Has(AuthQueryParameters.Credential) || target.Has(AuthQueryParameters.Signature))
            {
                return (await verifier.VerifyPresignedAsync(request, target, payloadHash, cancellationToken)).Principal;
            }
        }
        catch (CairnException e) when (e.Code == ErrorCode.InvalidAccessKeyId)
        {
            throw new CairnException(ErrorCode.InvalidClientTokenId);
        }

        throw new CairnException(ErrorCode.MissingAuthenticationToken);
    }
}
