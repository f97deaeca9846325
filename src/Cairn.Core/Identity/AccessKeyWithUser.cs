namespace Cairn.Core.Identity;

/// <summary>An access key together with the user it acts for: what authentication needs in one lookup.</summary>
public sealed record AccessKeyWithUser(AccessKey Key, User User)
{
    /// <summary>
    /// The one rule for whether a key may sign a request at <paramref name="now"/>: the key and its user are active
    /// and the key has not expired.
    /// </summary>
    public bool IsUsableAt(DateTimeOffset now) =>
        Key.Status == IdentityStatus.Active && User.Status == IdentityStatus.Active && !Key.IsExpiredAt(now);

    /// <summary>Who a request signed with this key acts as.</summary>
    public Principal ToPrincipal() => new(User.Id, Key.AccessKeyId, userName: User.Name);
}
