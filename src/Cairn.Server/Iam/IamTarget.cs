namespace Cairn.Server.Iam;

/// <summary>What an admin API action is about, for the resource its permission is checked on (<see cref="IamPermissions.ResourceOf"/>).</summary>
internal enum IamTarget
{
    /// <summary>One user: the UserName parameter, or the caller.</summary>
    User,

    /// <summary>The list of users (ListUsers).</summary>
    UserList,

    /// <summary>One role: the RoleName parameter.</summary>
    Role,

    /// <summary>The list of roles (ListRoles).</summary>
    RoleList,

    /// <summary>The whole store, the account's own resource (VerifyStore).</summary>
    Store,
}
