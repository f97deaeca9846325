namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// The ACL a request asks for, as it was sent: a canned ACL, explicit grants (headers or a policy document), or
/// nothing. Grantee ids are not yet checked (<see cref="AclResolver"/> does that); <see cref="OwnerId"/> is the owner
/// a policy document names, which must be the resource's owner.
/// </summary>
public sealed record AclRequest(CannedAcl? Canned, IReadOnlyList<Grant>? Grants, string? OwnerId = null)
{
    /// <summary>A request that sets no ACL: the resource gets its default.</summary>
    public static AclRequest None { get; } = new(null, null);

    public bool IsEmpty => Canned is null && Grants is null;

    /// <summary>
    /// True when the request asks for nothing but full control for the bucket owner: no ACL, the canned
    /// bucket-owner-full-control, or grants that say exactly that. The only ACLs a bucket whose ACLs are switched
    /// off accepts (docs/access-control.md "Object Ownership").
    /// </summary>
    public bool OnlyBucketOwnerFullControl(string bucketOwnerId) =>
        IsEmpty
        || Canned == CannedAcl.BucketOwnerFullControl
        || Grants is [{ Permission: AclRight.FullControl, Grantee: { Type: GranteeType.CanonicalUser } grantee }] && grantee.Value == bucketOwnerId;
}
