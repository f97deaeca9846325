namespace Cairn.Core.Authorization.Acl;

/// <summary>Whom a grant names: one user by canonical id, or one of S3's predefined groups by URI.</summary>
public enum GranteeType
{
    CanonicalUser,
    Group,
}

/// <summary>
/// A grant's grantee. <see cref="Value"/> is the user id for <see cref="GranteeType.CanonicalUser"/> and the group
/// URI (<see cref="AclGroups"/>) for <see cref="GranteeType.Group"/>.
/// </summary>
public sealed record Grantee(GranteeType Type, string Value)
{
    public static Grantee User(string userId) => new(GranteeType.CanonicalUser, userId);

    public static Grantee AllUsers { get; } = new(GranteeType.Group, AclGroups.AllUsers);

    public static Grantee AuthenticatedUsers { get; } = new(GranteeType.Group, AclGroups.AuthenticatedUsers);

    /// <summary>Whether a request by <paramref name="userId"/> (null: anonymous) is this grantee.</summary>
    public bool Includes(string? userId) => Type switch
    {
        GranteeType.CanonicalUser => userId is not null && userId == Value,
        _ when Value == AclGroups.AllUsers => true,
        _ when Value == AclGroups.AuthenticatedUsers => userId is not null,
        _ => false,
    };

    /// <summary>True for the groups that make a grant public (anyone, or anyone with any key).</summary>
    public bool IsPublic => Type == GranteeType.Group && Value is AclGroups.AllUsers or AclGroups.AuthenticatedUsers;
}
