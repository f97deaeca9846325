using Cairn.Core.Authorization.Acl;
using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's ACL model on the shared one (docs/oss-compatibility.md "Operations"): OSS knows canned ACLs only. A bucket
/// is private, public-read or public-read-write; an object is one of those or <c>default</c>, which in OSS inherits
/// the bucket's. Cairn's objects never inherit their bucket's ACL, so <c>default</c> gives the object the ACL every
/// object gets when none is asked for: its owner's alone, which reads back as private.
/// </summary>
internal static class OssCannedAcls
{
    public const string Private = "private";
    public const string PublicRead = "public-read";
    public const string PublicReadWrite = "public-read-write";
    public const string Default = "default";

    /// <summary>A bucket's ACL from <c>x-oss-acl</c>; InvalidArgument for a value OSS does not know.</summary>
    public static AclRequest ForBucket(string value, string header) => value switch
    {
        Private => new AclRequest(CannedAcl.Private, null),
        PublicRead => new AclRequest(CannedAcl.PublicRead, null),
        PublicReadWrite => new AclRequest(CannedAcl.PublicReadWrite, null),
        _ => throw Invalid(header, value),
    };

    /// <summary>An object's ACL from <c>x-oss-object-acl</c>: a bucket's values, or <c>default</c> (none asked for).</summary>
    public static AclRequest ForObject(string value, string header) =>
        value == Default ? AclRequest.None : ForBucket(value, header);

    /// <summary>
    /// The canned value an ACL is read back as. Only the grants to everyone count, as only they are expressible:
    /// any public write is public-read-write, any public read public-read, otherwise private. Grants to
    /// AuthenticatedUsers are counted as public (an overstatement rather than hiding access); grants to named users
    /// are not expressible in OSS's document and are visible through the S3 dialect only.
    /// </summary>
    public static string Spell(AccessControlList acl)
    {
        ArgumentNullException.ThrowIfNull(acl);
        var publicGrants = acl.Grants.Where(g => g.Grantee.IsPublic).ToList();
        if (publicGrants.Any(g => g.Gives(AclRight.Write)))
        {
            return PublicReadWrite;
        }

        return publicGrants.Any(g => g.Gives(AclRight.Read)) ? PublicRead : Private;
    }

    private static CairnException Invalid(string header, string value) =>
        new(ErrorCode.InvalidArgument, "no such bucket access control exists")
        {
            Details = new ErrorDetails { ArgumentName = header, ArgumentValue = value },
        };
}
