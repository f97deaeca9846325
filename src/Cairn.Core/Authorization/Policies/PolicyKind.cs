namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// Where a policy document is attached, which decides what it must and must not say: a bucket policy names whom it
/// applies to (Principal or NotPrincipal is required); a user policy applies to its user (a Principal is refused).
/// </summary>
public enum PolicyKind
{
    Bucket,
    User,
}
