namespace Cairn.Core.Authorization.Acl;

/// <summary>The predefined group URIs S3 ACLs name; no other group exists.</summary>
public static class AclGroups
{
    /// <summary>Everyone, signed or not.</summary>
    public const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";

    /// <summary>Every request signed by any user's key.</summary>
    public const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    /// <summary>S3's log delivery group: accepted in grants (it names nobody here, as no log delivery exists).</summary>
    public const string LogDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    public static bool IsKnown(string uri) => uri is AllUsers or AuthenticatedUsers or LogDelivery;
}
