namespace Cairn.Core.Authorization.Acl;

/// <summary>One ACL entry: a grantee and the permission it has.</summary>
public sealed record Grant(Grantee Grantee, AclRight Permission)
{
    /// <summary>Whether this grant gives <paramref name="needed"/> (FullControl gives every permission).</summary>
    public bool Gives(AclRight needed) => Permission == needed || Permission == AclRight.FullControl;
}
