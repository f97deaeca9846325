using Cairn.Core.Identity;

namespace Cairn.Storage.Stored;

/// <summary>
/// The one rule both stores apply to DeleteUser, from what hangs on the user (read in the deleting transaction).
/// Buckets come first, then keys, then policies: the order IAM clients are told to clear them in. The root user is
/// never removed; with nothing else in the way it is refused as holding keys, since the configured root key belongs
/// to it whether or not the database holds that key yet.
/// </summary>
internal static class UserDeletion
{
    public static DeleteUserOutcome Decide(bool exists, string userId, bool ownsBuckets, bool hasAccessKeys, bool hasPolicies) =>
        !exists ? DeleteUserOutcome.NotFound
        : ownsBuckets ? DeleteUserOutcome.OwnsBuckets
        : hasAccessKeys || userId == User.RootId ? DeleteUserOutcome.HasAccessKeys
        : hasPolicies ? DeleteUserOutcome.HasPolicies
        : DeleteUserOutcome.Deleted;
}
