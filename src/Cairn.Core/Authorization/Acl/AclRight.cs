namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// What an ACL grant allows, as S3 names it (docs/access-control.md "ACLs"). On a bucket: Read lists it, Write
/// creates and deletes objects in it; on an object: Read reads it. ReadAcp and WriteAcp read and replace the ACL
/// itself; FullControl is all four.
/// </summary>
public enum AclRight
{
    Read,
    Write,
    ReadAcp,
    WriteAcp,
    FullControl,
}
