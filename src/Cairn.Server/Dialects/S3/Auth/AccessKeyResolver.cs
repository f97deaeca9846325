using Cairn.Core.Errors;
using Cairn.Core.Identity;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Turns the access key id a request names into the secret to verify its signature with and the principal it will
/// act as. The lookup goes through the identity port, which the host wraps in <see cref="CachingIdentityStore"/> so
/// that a signed request normally costs no store read; whether the key may be used is decided afresh on every
/// request, so a key stops working the instant it expires.
/// </summary>
internal sealed class AccessKeyResolver(IIdentityStore identities, TimeProvider time)
{
    /// <summary>
    /// The secret and principal of a usable key. An unknown key, an inactive key, a key of an inactive user and an
    /// expired key are all 403 InvalidAccessKeyId, as S3 answers for a key it does not accept (docs/identity.md:
    /// ExpiredToken is S3's answer for an expired session token, which long-term keys are not).
    /// </summary>
    public async Task<ResolvedKey> ResolveAsync(string accessKeyId, CancellationToken cancellationToken)
    {
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
