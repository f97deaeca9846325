namespace Cairn.Core.Identity;

/// <summary>
/// What DeleteUser did. A user is removed only once nothing hangs on it (as IAM refuses with DeleteConflict): it
/// owns no bucket, and its access keys and policies are gone.
/// </summary>
public enum DeleteUserOutcome
{
    Deleted,
    NotFound,
    OwnsBuckets,
    HasAccessKeys,
    HasPolicies,
}
