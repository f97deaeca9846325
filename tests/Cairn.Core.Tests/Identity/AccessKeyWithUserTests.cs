using Cairn.Core.Identity;

namespace Cairn.Core.Tests.Identity;

/// <summary>When a key may sign: key and user active, not expired.</summary>
public sealed class AccessKeyWithUserTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_active_key_of_an_active_user_without_expiry_is_usable_and_acts_as_its_user()
    {
        var entry = Entry(IdentityStatus.Active, IdentityStatus.Active, expiresAt: null);

        Assert.True(entry.IsUsableAt(Now));
        var principal = entry.ToPrincipal();
        Assert.Equal("u1", principal.UserId);
        Assert.Equal("AK1", principal.AccessKeyId);
        Assert.False(principal.IsAnonymous);
    }

    [Theory]
    [InlineData(IdentityStatus.Inactive, IdentityStatus.Active)]
    [InlineData(IdentityStatus.Active, IdentityStatus.Inactive)]
    public void An_inactive_key_or_user_is_not_usable(IdentityStatus key, IdentityStatus user)
    {
        Assert.False(Entry(key, user, expiresAt: null).IsUsableAt(Now));
    }

    [Fact]
    public void A_key_is_usable_until_the_instant_it_expires()
    {
        var entry = Entry(IdentityStatus.Active, IdentityStatus.Active, expiresAt: Now);

        Assert.True(entry.IsUsableAt(Now.AddTicks(-1)));
        Assert.False(entry.IsUsableAt(Now));
    }

    [Fact]
    public void A_key_printed_for_a_log_does_not_show_its_secret()
    {
        var entry = Entry(IdentityStatus.Active, IdentityStatus.Active, expiresAt: null);

        Assert.DoesNotContain("the-secret", entry.Key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("the-secret", entry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_anonymous_principal_is_anonymous_and_a_signed_one_is_not()
    {
        Assert.True(Principal.Anonymous.IsAnonymous);
        Assert.Null(Principal.Anonymous.UserId);
        Assert.False(new Principal("u1", "AK1").IsAnonymous);
    }

    [Fact]
    public void New_user_ids_never_collide_with_the_root_id()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => UserIds.New()).ToHashSet();

        Assert.Equal(100, ids.Count);
        Assert.DoesNotContain(User.RootId, ids);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{64}$", id));
    }

    private static AccessKeyWithUser Entry(IdentityStatus key, IdentityStatus user, DateTimeOffset? expiresAt) => new(
        new AccessKey("AK1", "the-secret", "u1", key, expiresAt, Now.AddDays(-1)),
        new User("u1", "alice", Now.AddDays(-2), user));
}
