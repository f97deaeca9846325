using Cairn.Core.Errors;

namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// The refusals that belong to setting an ACL, whoever asks: a bucket whose ACLs are switched off takes none but
/// bucket-owner full control, and a public access block with BlockPublicAcls takes no public one
/// (docs/access-control.md).
/// </summary>
public static class AclWriteRules
{
    /// <summary>AccessControlListNotSupported when ACLs are off and the request asks for more than bucket-owner full control.</summary>
    public static void RequireAclsAccepted(bool aclsDisabled, AclRequest request, string bucketOwnerId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (aclsDisabled && !request.OnlyBucketOwnerFullControl(bucketOwnerId))
        {
            throw new CairnException(ErrorCode.AccessControlListNotSupported);
        }
    }

    /// <summary>AccessDenied when BlockPublicAcls is on and <paramref name="acl"/> grants AllUsers or AuthenticatedUsers.</summary>
    public static void RefusePublic(PublicAccessBlock effective, AccessControlList? acl)
    {
        ArgumentNullException.ThrowIfNull(effective);
        if (effective.BlockPublicAcls && acl is { IsPublic: true })
        {
            throw new CairnException(ErrorCode.AccessDenied, "Access Denied: public access control lists are blocked by the public access block.");
        }
    }
}
