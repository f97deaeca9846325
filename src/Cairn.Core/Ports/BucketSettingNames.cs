namespace Cairn.Core.Ports;

/// <summary>
/// The names bucket configuration documents are stored under. They are part of the schema: a name never changes
/// once written.
/// </summary>
public static class BucketSettingNames
{
    /// <summary>The bucket ACL (<see cref="Authorization.Acl.AclJson"/>); absent = owner full control.</summary>
    public const string Acl = "acl";

    /// <summary>The bucket policy as the client sent it.</summary>
    public const string Policy = "policy";

    /// <summary>The bucket's public access block; absent = none (the server default still applies).</summary>
    public const string PublicAccessBlock = "public-access-block";

    /// <summary>The Object Ownership setting; absent = ObjectWriter behaviour, and GetBucketOwnershipControls answers not found.</summary>
    public const string OwnershipControls = "ownership-controls";

    /// <summary>The CORS configuration (rules as JSON).</summary>
    public const string Cors = "cors";

    /// <summary>The bucket's tags (<see cref="Tagging.TagSetJson"/>); absent = none.</summary>
    public const string Tagging = "tagging";

    /// <summary>The lifecycle configuration (<see cref="Lifecycle.LifecycleJson"/>); absent = none.</summary>
    public const string Lifecycle = "lifecycle";
}
