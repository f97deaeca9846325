using Cairn.Core.Errors;
using Cairn.Core.Identity.Roles;

namespace Cairn.Core.Identity.Sessions;

/// <summary>
/// Accepts a temporary credential on a request (docs/identity.md "Session tokens"): its token opens, names the access
/// key the request was signed with, has not expired, and what it stands on still exists — the role by the id it was
/// assumed under, the user active. Deleting a role or switching a user off therefore ends its sessions at once.
/// Returns the secret to verify the signature with and who the request acts as.
/// </summary>
public sealed class SessionVerifier(SessionTokens tokens, IIdentityStore identities, IRoleStore roles, TimeProvider time)
{
    public async Task<(string Secret, Principal Principal)> VerifyAsync(string accessKeyId, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        ArgumentNullException.ThrowIfNull(token);
        var grant = tokens.Open(token);
        if (grant is null || !string.Equals(grant.AccessKeyId, accessKeyId, StringComparison.Ordinal))
        {
            throw new CairnException(ErrorCode.InvalidToken);
        }

        if (time.GetUtcNow() >= grant.Expiration)
        {
            throw new CairnException(ErrorCode.ExpiredToken)
            {
                Extra = new Dictionary<string, string> { ["Token-0"] = accessKeyId },
            };
        }

        var user = await identities.FindUserAsync(grant.UserId, cancellationToken);
        if (user is null || user.Status != IdentityStatus.Active)
        {
            throw new CairnException(ErrorCode.InvalidToken, "The user this session stands on no longer exists or is inactive.");
        }

        if (grant.Kind == SessionKind.AssumedRole)
        {
            var role = grant.RoleId is null ? null : await roles.FindRoleAsync(grant.RoleId, cancellationToken);
            if (role is null)
            {
                throw new CairnException(ErrorCode.InvalidToken, "The role this session was issued for no longer exists.");
            }

            return (grant.Secret, new Principal(user.Id, accessKeyId, userName: null, session: grant));
        }

        return (grant.Secret, new Principal(user.Id, accessKeyId, user.Name, grant));
    }
}
