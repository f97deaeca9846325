namespace Cairn.Core.Authorization.Acl;

/// <summary>S3's canned ACLs (x-amz-acl), each a fixed set of grants.</summary>
public enum CannedAcl
{
    Private,
    PublicRead,
    PublicReadWrite,
    AuthenticatedRead,
    BucketOwnerRead,
    BucketOwnerFullControl,
}

/// <summary>The x-amz-acl spellings and what each expands to.</summary>
public static class CannedAcls
{
    /// <summary>Parses an x-amz-acl value; null when it names no canned ACL.</summary>
    public static CannedAcl? Parse(string value) => value switch
    {
        "private" => CannedAcl.Private,
        "public-read" => CannedAcl.PublicRead,
        "public-read-write" => CannedAcl.PublicReadWrite,
        "authenticated-read" => CannedAcl.AuthenticatedRead,
        "bucket-owner-read" => CannedAcl.BucketOwnerRead,
        "bucket-owner-full-control" => CannedAcl.BucketOwnerFullControl,
        _ => null,
    };

    /// <summary>
    /// The grants of <paramref name="acl"/> for a resource owned by <paramref name="ownerId"/>. The bucket-owner
    /// ACLs name <paramref name="bucketOwnerId"/> (on a bucket they are private, as S3 treats them).
    /// </summary>
    public static AccessControlList Expand(CannedAcl acl, string ownerId, string bucketOwnerId)
    {
        var owner = new Grant(Grantee.User(ownerId), AclRight.FullControl);
        List<Grant> grants = [owner];
        switch (acl)
        {
            case CannedAcl.PublicRead:
                grants.Add(new Grant(Grantee.AllUsers, AclRight.Read));
                break;
            case CannedAcl.PublicReadWrite:
                grants.Add(new Grant(Grantee.AllUsers, AclRight.Read));
                grants.Add(new Grant(Grantee.AllUsers, AclRight.Write));
                break;
            case CannedAcl.AuthenticatedRead:
                grants.Add(new Grant(Grantee.AuthenticatedUsers, AclRight.Read));
                break;
            case CannedAcl.BucketOwnerRead when bucketOwnerId != ownerId:
                grants.Add(new Grant(Grantee.User(bucketOwnerId), AclRight.Read));
                break;
            case CannedAcl.BucketOwnerFullControl when bucketOwnerId != ownerId:
                grants.Add(new Grant(Grantee.User(bucketOwnerId), AclRight.FullControl));
                break;
        }

        return new AccessControlList(grants);
    }

    /// <summary>The ACL a resource gets when none is asked for: its owner has full control.</summary>
    public static AccessControlList Private(string ownerId) => Expand(CannedAcl.Private, ownerId, ownerId);
}
