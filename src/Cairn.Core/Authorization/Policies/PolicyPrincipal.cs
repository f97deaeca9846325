namespace Cairn.Core.Authorization.Policies;

/// <summary>What kind of identity a Principal entry names.</summary>
public enum PolicyPrincipalKind
{
    /// <summary>One user, named by its ARN (<c>arn:aws:iam::&lt;account&gt;:user/&lt;name&gt;</c>); the value is the name.</summary>
    User,

    /// <summary>One user, named by its canonical id (<c>{"CanonicalUser": "..."}</c>); the value is the id.</summary>
    CanonicalUser,

    /// <summary>Every user of an account (the 12-digit id or <c>arn:aws:iam::&lt;account&gt;:root</c>); the value is the account id.</summary>
    Account,

    /// <summary>Every session of one role (<c>arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;</c>); the value is the role name.</summary>
    Role,

    /// <summary>
    /// One session (<c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role&gt;/&lt;session&gt;</c> or
    /// <c>federated-user/&lt;name&gt;</c>); the value is the whole ARN.
    /// </summary>
    Session,
}

/// <summary>
/// One identity a Principal or NotPrincipal element names (not "*"). The server checks that each exists before it
/// stores a bucket policy; <see cref="Account"/> is the account the entry was written with.
/// </summary>
public sealed record PolicyPrincipal(PolicyPrincipalKind Kind, string Value, string Account);
