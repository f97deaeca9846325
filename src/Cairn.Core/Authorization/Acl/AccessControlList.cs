namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// The grants of a bucket or an object. The owner is not part of it: it is the bucket's or object's recorded owner,
/// which always may read and replace the ACL (S3 gives the owner ReadAcp and WriteAcp whatever the grants say).
/// </summary>
public sealed record AccessControlList(IReadOnlyList<Grant> Grants)
{
    /// <summary>Whether <paramref name="userId"/> (null: anonymous) has <paramref name="needed"/> on a resource owned by <paramref name="ownerId"/>.</summary>
    public bool Allows(string ownerId, string? userId, AclRight needed)
    {
        if (userId is not null && userId == ownerId && needed is AclRight.ReadAcp or AclRight.WriteAcp)
        {
            return true;
        }

        foreach (var grant in Grants)
        {
            if (grant.Gives(needed) && grant.Grantee.Includes(userId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a grant reaches AllUsers or AuthenticatedUsers (what BlockPublicAcls refuses).</summary>
    public bool IsPublic => Grants.Any(g => g.Grantee.IsPublic);

    /// <summary>The same grants without the public ones (what IgnorePublicAcls evaluates).</summary>
    public AccessControlList WithoutPublicGrants() => IsPublic ? new([.. Grants.Where(g => !g.Grantee.IsPublic)]) : this;

    /// <summary>Equality by grants, in order.</summary>
    public bool Equals(AccessControlList? other) => other is not null && Grants.SequenceEqual(other.Grants);

    public override int GetHashCode() => Grants.Count;
}
