namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// Where a policy document is attached, which decides what it must and must not say: a bucket policy names whom it
/// applies to (Principal or NotPrincipal is required); a user policy applies to its user (a Principal is refused), and
/// so do a role's policies and a session policy; a role's trust policy names who may assume the role (Principal
/// required, Resource refused: the resource is the role itself, and its actions are STS's).
/// </summary>
public enum PolicyKind
{
    Bucket,
    User,
    Trust,
}
