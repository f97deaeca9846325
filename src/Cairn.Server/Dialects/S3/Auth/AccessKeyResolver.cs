using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Turns the access key id a request names into the secret to verify its signature with and the principal it will
/// act as. The lookup goes through the identity port, which the host wraps in <see cref="CachingIdentityStore"/> so
/// that a signed request normally costs no store read; whether the key may be used is decided afresh on every
/// request, so a key stops working the instant it expires. A request that carries a session token is a temporary
/// credential: its secret and principal come from the token (<see cref="SessionVerifier"/>), never from the store.
/// </summary>
internal sealed class AccessKeyResolver(IIdentityStore identities, TimeProvider time, SessionVerifier? sessions = null)
{
    /// <summary>
    /// The secret and principal of a usable key. An unknown key, an inactive key, a key of an inactive user and an
    /// expired key are all 403 InvalidAccessKeyId, as S3 answers for a key it does not accept (docs/identity.md:
    /// ExpiredToken is S3's answer for an expired session token, which long-term keys are not).
    /// </summary>
    /// <param name="accessKeyId">The key id the signature names.</param>
    /// <param name="securityToken">The session token the request carries (x-amz-security-token in a header, query or
    /// form field); null or empty for long-term keys.</param>
    /// <param name="cancellationToken">Ends the lookup when the client goes away.</param>
    public async Task<ResolvedKey> ResolveAsync(string accessKeyId, string? securityToken, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(securityToken))
        {
            if (sessions is null)
            {
                throw new CairnException(ErrorCode.InvalidToken);
            }

            var (secret, principal) = await sessions.VerifyAsync(accessKeyId, securityToken, cancellationToken);
            return new ResolvedKey(secret, principal);
        }

        var found = await identities.FindAccessKeyAsync(accessKeyId, cancellationToken);
        if (found is null || !found.IsUsableAt(time.GetUtcNow()))
        {
            throw new CairnException(ErrorCode.InvalidAccessKeyId,
                "The AWS Access Key Id you provided does not exist in our records.")
            {
                Extra = new Dictionary<string, string> { ["AWSAccessKeyId"] = accessKeyId },
            };
        }

        return new ResolvedKey(found.Key.Secret, found.ToPrincipal());
    }
}
