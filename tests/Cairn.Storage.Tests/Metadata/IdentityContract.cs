using Cairn.Core.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// What the server relies on from any <see cref="IIdentityStore"/>: lookups, conflicts as return values, root
/// seeding, data that survives a reopen. A concrete test class opens the store on the data kept for the current test;
/// opening it again must see the same data.
/// </summary>
public abstract class IdentityContract
{
    protected static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private IIdentityStore? _opened;

    /// <summary>The clock the store is opened with.</summary>
    protected FakeTimeProvider Time { get; } = new(Now);

    /// <summary>Opens (creating if needed) the identity store on the current test's data.</summary>
    protected abstract IIdentityStore Open(TimeProvider time);

    /// <summary>Closes what <see cref="Open"/> opened, so that the next open starts afresh on the same data.</summary>
    protected abstract void Close();

    private IIdentityStore Store => _opened ??= Open(Time);

    [SkippableFact]
    public async Task A_new_database_has_the_active_root_user_and_no_keys()
    {
        var root = await Store.FindUserAsync(User.RootId, None);

        Assert.NotNull(root);
        Assert.Equal(User.RootName, root.Name);
        Assert.Equal(IdentityStatus.Active, root.Status);
        Assert.Empty(await Store.ListAccessKeysAsync(User.RootId, None));
    }

    [SkippableFact]
    public async Task A_created_key_is_found_with_its_user_and_survives_a_reopen()
    {
        var alice = await CreateUserAsync("alice");
        var expires = Now.AddDays(30);
        var key = new AccessKey("AKALICE", "alice-secret", alice.Id, IdentityStatus.Active, expires, Now);
        Assert.True(await Store.CreateAccessKeyAsync(key, None));

        Reopen();
        var found = await Store.FindAccessKeyAsync("AKALICE", None);

        Assert.NotNull(found);
        Assert.Equal(key, found.Key);
        Assert.Equal(alice, found.User);
        Assert.Null(await Store.FindAccessKeyAsync("AKNOBODY", None));
    }

    [SkippableFact]
    public async Task A_taken_user_id_or_name_is_refused()
    {
        var alice = await CreateUserAsync("alice");

        Assert.False(await Store.CreateUserAsync(alice with { Name = "other" }, None));
        Assert.False(await Store.CreateUserAsync(alice with { Id = UserIds.New() }, None));
        Assert.False(await Store.CreateUserAsync(new User(UserIds.New(), User.RootName, Now, IdentityStatus.Active), None));
    }

    [SkippableFact]
    public async Task A_user_is_renamed_and_deactivated_but_not_given_a_taken_name()
    {
        var alice = await CreateUserAsync("alice");
        await CreateUserAsync("bob");

        Assert.False(await Store.UpdateUserAsync(alice with { Name = "bob" }, None));
        Assert.True(await Store.UpdateUserAsync(alice with { Name = "alice2", Status = IdentityStatus.Inactive }, None));
        Assert.False(await Store.UpdateUserAsync(new User(UserIds.New(), "ghost", Now, IdentityStatus.Active), None));

        var stored = await Store.FindUserAsync(alice.Id, None);
        Assert.Equal(alice with { Name = "alice2", Status = IdentityStatus.Inactive }, stored);
    }

    [SkippableFact]
    public async Task A_key_for_an_unknown_user_or_with_a_taken_id_is_refused()
    {
        var alice = await CreateUserAsync("alice");
        var key = new AccessKey("AKALICE", "s", alice.Id, IdentityStatus.Active, null, Now);
        Assert.True(await Store.CreateAccessKeyAsync(key, None));

        Assert.False(await Store.CreateAccessKeyAsync(key with { Secret = "other" }, None));
        Assert.False(await Store.CreateAccessKeyAsync(key with { AccessKeyId = "AKGHOST", UserId = "no-such-user" }, None));
        Assert.Equal("s", (await Store.FindAccessKeyAsync("AKALICE", None))!.Key.Secret);
    }

    [SkippableFact]
    public async Task A_key_is_deactivated_given_an_expiry_and_listed_with_its_user()
    {
        var alice = await CreateUserAsync("alice");
        var first = new AccessKey("AK1", "s1", alice.Id, IdentityStatus.Active, null, Now);
        var second = new AccessKey("AK2", "s2", alice.Id, IdentityStatus.Active, null, Now);
        await Store.CreateAccessKeyAsync(second, None);
        await Store.CreateAccessKeyAsync(first, None);

        var changed = first with { Status = IdentityStatus.Inactive, ExpiresAt = Now.AddHours(1) };
        Assert.True(await Store.UpdateAccessKeyAsync(changed, None));
        Assert.False(await Store.UpdateAccessKeyAsync(first with { UserId = User.RootId }, None));

        Assert.Equal([changed, second], await Store.ListAccessKeysAsync(alice.Id, None));
        Assert.Empty(await Store.ListAccessKeysAsync("no-such-user", None));
    }

    [SkippableFact]
    public async Task Ensuring_the_root_key_adds_it_and_a_changed_configuration_deactivates_the_old_one()
    {
        Assert.True(await Store.EnsureRootAsync("AKROOT1", "secret1", None));
        Assert.True(await Store.EnsureRootAsync("AKROOT1", "secret1", None));
        var first = await Store.FindAccessKeyAsync("AKROOT1", None);
        Assert.Equal(User.RootId, first!.User.Id);
        Assert.True(first.IsUsableAt(Now));

        Assert.True(await Store.EnsureRootAsync("AKROOT2", "secret2", None));

        var keys = await Store.ListAccessKeysAsync(User.RootId, None);
        Assert.Equal(["AKROOT1", "AKROOT2"], keys.Select(k => k.AccessKeyId));
        Assert.Equal([IdentityStatus.Inactive, IdentityStatus.Active], keys.Select(k => k.Status));

        // Back to the first key, with a new secret: reactivated with that secret.
        Assert.True(await Store.EnsureRootAsync("AKROOT1", "secret1b", None));
        var back = await Store.FindAccessKeyAsync("AKROOT1", None);
        Assert.Equal(IdentityStatus.Active, back!.Key.Status);
        Assert.Equal("secret1b", back.Key.Secret);
        Assert.Equal(IdentityStatus.Inactive, (await Store.FindAccessKeyAsync("AKROOT2", None))!.Key.Status);
    }

    [SkippableFact]
    public async Task Ensuring_the_root_key_also_reactivates_the_root_user_and_clears_an_expiry()
    {
        await Store.EnsureRootAsync("AKROOT", "secret", None);
        var root = (await Store.FindUserAsync(User.RootId, None))!;
        await Store.UpdateUserAsync(root with { Status = IdentityStatus.Inactive }, None);
        var key = (await Store.FindAccessKeyAsync("AKROOT", None))!.Key;
        await Store.UpdateAccessKeyAsync(key with { ExpiresAt = Now.AddMinutes(-1) }, None);

        Assert.True(await Store.EnsureRootAsync("AKROOT", "secret", None));

        Assert.True((await Store.FindAccessKeyAsync("AKROOT", None))!.IsUsableAt(Now));
    }

    [SkippableFact]
    public async Task A_root_key_id_that_belongs_to_another_user_is_refused_and_left_alone()
    {
        var alice = await CreateUserAsync("alice");
        await Store.CreateAccessKeyAsync(new AccessKey("AKALICE", "alice-secret", alice.Id, IdentityStatus.Active, null, Now), None);

        Assert.False(await Store.EnsureRootAsync("AKALICE", "hijack", None));

        var key = await Store.FindAccessKeyAsync("AKALICE", None);
        Assert.Equal(alice.Id, key!.User.Id);
        Assert.Equal("alice-secret", key.Key.Secret);
    }

    [SkippableFact]
    public async Task A_cancelled_read_is_abandoned()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.FindAccessKeyAsync("AKROOT", cancelled.Token));
    }

    private async Task<User> CreateUserAsync(string name)
    {
        var user = new User(UserIds.New(), name, Now, IdentityStatus.Active);
        Assert.True(await Store.CreateUserAsync(user, None));
        return user;
    }

    private void Reopen()
    {
        Close();
        _opened = Open(Time);
    }

    [SkippableFact]
    public async Task Ids_holding_U0000_name_no_key_and_no_user()
    {
        Assert.Null(await Store.FindAccessKeyAsync("AKIA\0", None));
        Assert.Null(await Store.FindUserAsync("root\0", None));
        Assert.Empty(await Store.ListAccessKeysAsync("root\0", None));
    }
}
