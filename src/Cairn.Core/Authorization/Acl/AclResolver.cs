using Cairn.Core.Errors;
using Cairn.Core.Identity;

namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// Turns the ACL a request asks for into the grants stored: a canned ACL expands for the resource's owner, explicit
/// grants are taken as they are (they replace the default entirely, owner included, as S3 does) once every user
/// they name is known to exist.
/// </summary>
public sealed class AclResolver(IIdentityStore identities)
{
    /// <summary>
    /// The ACL to store for a resource owned by <paramref name="ownerId"/> in a bucket owned by
    /// <paramref name="bucketOwnerId"/>; null when it is the default (owner full control) or nothing was asked.
    /// </summary>
    public async Task<AccessControlList?> ResolveAsync(AclRequest request, string ownerId, string bucketOwnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        AccessControlList acl;
        if (request.Canned is { } canned)
        {
            acl = CannedAcls.Expand(canned, ownerId, bucketOwnerId);
        }
        else if (request.Grants is { } grants)
        {
            await RequireUsersAsync(grants, cancellationToken);
            acl = new AccessControlList(grants);
        }
        else
        {
            return null;
        }

        return acl.Equals(CannedAcls.Private(ownerId)) ? null : acl;
    }

    private async Task RequireUsersAsync(IReadOnlyList<Grant> grants, CancellationToken cancellationToken)
    {
        var ids = grants.Where(g => g.Grantee.Type == GranteeType.CanonicalUser).Select(g => g.Grantee.Value).Distinct(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (await identities.FindUserAsync(id, cancellationToken) is null)
            {
                throw new CairnException(ErrorCode.InvalidArgument, "Invalid id")
                {
                    Details = new ErrorDetails { ArgumentName = "CanonicalUser/ID", ArgumentValue = id },
                };
            }
        }
    }
}
