using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Iam;

/// <summary>
/// Verifies an admin API call's SigV4 signature for service "iam", in the Authorization header or in the query as
/// botocore and the AWS CLI send them. IAM clients send no x-amz-content-sha256: the payload hash is computed from
/// the body, which is therefore read (bounded) before verification. An unknown or unusable key is IAM's
/// InvalidClientTokenId; an unsigned call is MissingAuthenticationToken; SigV2 is refused, as IAM refuses it.
/// </summary>
internal sealed class IamAuthenticator
{
    private readonly SigV4Verifier _sigV4;

    public IamAuthenticator(IIdentityStore identities, TimeProvider time, SessionVerifier? sessions = null)
    {
        _sigV4 = new SigV4Verifier(new AccessKeyResolver(identities, time, sessions), time, new SigningKeyCache(), QueryApiRecognizer.IamService);
    }

    public async Task<Principal> AuthenticateAsync(HttpRequest request, RequestTarget target, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        var authorization = request.Headers.Authorization.ToString().Trim();
        try
        {
            if (authorization.Length > 0)
            {
                if (!authorization.StartsWith(SigV4Authorization.Algorithm + " ", StringComparison.Ordinal))
                {
                    throw new CairnException(ErrorCode.AuthorizationHeaderMalformed,
                        "The admin API accepts AWS Signature Version 4 (AWS4-HMAC-SHA256) only.");
                }

                return (await _sigV4.VerifyHeaderAsync(request, target, authorization, payloadHash, cancellationToken)).Principal;
            }

            if (target.Has(AuthQueryParameters.Credential) || target.Has(AuthQueryParameters.Signature))
            {
                return (await _sigV4.VerifyPresignedAsync(request, target, payloadHash, cancellationToken)).Principal;
            }
        }
        catch (CairnException e) when (e.Code == ErrorCode.InvalidAccessKeyId)
        {
            throw new CairnException(ErrorCode.InvalidClientTokenId);
        }

        throw new CairnException(ErrorCode.MissingAuthenticationToken);
    }
}
