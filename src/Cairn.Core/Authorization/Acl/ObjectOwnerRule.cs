namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// Who owns an object a request writes, from the bucket's Object Ownership setting (docs/access-control.md
/// "Object Ownership"): the one place writes and the authorizer decide it.
/// </summary>
public static class ObjectOwnerRule
{
    /// <summary>
    /// ObjectWriter: the writer. BucketOwnerPreferred: the bucket owner when the write carries the canned
    /// bucket-owner-full-control, else the writer. BucketOwnerEnforced: always the bucket owner.
    /// </summary>
    public static string OwnerOf(ObjectOwnership ownership, string bucketOwnerId, string writerId, AclRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ownership switch
        {
            ObjectOwnership.BucketOwnerEnforced => bucketOwnerId,
            ObjectOwnership.BucketOwnerPreferred when request.Canned == CannedAcl.BucketOwnerFullControl => bucketOwnerId,
            _ => writerId,
        };
    }
}
