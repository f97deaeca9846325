namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// A bucket's Object Ownership setting. ObjectWriter: the writer owns what it writes, ACLs apply.
/// BucketOwnerPreferred: as ObjectWriter, but an object written with bucket-owner-full-control is the bucket owner's.
/// BucketOwnerEnforced: the bucket owner owns every object and ACLs are switched off (only policies decide).
/// A bucket without the setting behaves as ObjectWriter (docs/access-control.md "Object Ownership").
/// </summary>
public enum ObjectOwnership
{
    ObjectWriter,
    BucketOwnerPreferred,
    BucketOwnerEnforced,
}
