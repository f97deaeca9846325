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

    /// <summary>Creates a bucket owned by <paramref name="ownerId"/> in the same database.</summary>
    protected abstract Task CreateBucketAsync(string name, string ownerId);

    /// <summary>Deletes that bucket.</summary>
    protected abstract Task DeleteBucketAsync(string name);

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

    [SkippableFact]
    public async Task A_user_is_found_by_its_name_and_an_unknown_name_finds_nobody()
    {
        var alice = await CreateUserAsync("alice");

        Assert.Equal(alice, await Store.FindUserByNameAsync("alice", None));
        Assert.Equal(User.RootId, (await Store.FindUserByNameAsync(User.RootName, None))!.Id);
        Assert.Null(await Store.FindUserByNameAsync("Alice", None));
        Assert.Null(await Store.FindUserByNameAsync("alice\0", None));
    }

    [SkippableFact]
    public async Task Users_are_listed_in_UTF8_byte_order_page_by_page_after_a_name()
    {
        // U+FF5E sorts before U+1F600 in UTF-8 (and code point) order, after it in UTF-16 order.
        string[] names = ["😀", "émile", "alice", "Zed", "\uFF5E", "al", "bob"];
        foreach (var name in names)
        {
            await CreateUserAsync(name);
        }

        string[] expected = ["Zed", "al", "alice", "bob", User.RootName, "émile", "\uFF5E", "😀"];
        Assert.Equal(expected, (await Store.ListUsersAsync(null, 100, None)).Select(u => u.Name));

        var paged = new List<string>();
        for (string? after = null; ;)
        {
            var page = await Store.ListUsersAsync(after, 3, None);
            paged.AddRange(page.Select(u => u.Name));
            if (page.Count < 3)
            {
                break;
            }

            after = page[^1].Name;
        }

        Assert.Equal(expected, paged);
        Assert.Equal(["alice", "bob"], (await Store.ListUsersAsync("al", 2, None)).Select(u => u.Name));
        Assert.Equal(["émile", "\uFF5E", "😀"], (await Store.ListUsersAsync("root", 10, None)).Select(u => u.Name));
        Assert.Empty(await Store.ListUsersAsync("😀", 10, None));
        Assert.Empty(await Store.ListUsersAsync(null, 0, None));
    }

    [SkippableFact]
    public async Task A_user_is_deleted_only_once_it_owns_no_bucket_and_has_no_key_or_policy_left()
    {
        var alice = await CreateUserAsync("alice");
        await CreateBucketAsync("alices-bucket", alice.Id);
        await Store.CreateAccessKeyAsync(new AccessKey("AKALICE", "alice-secret", alice.Id, IdentityStatus.Active, null, Now), None);
        Assert.True(await Store.PutUserPolicyAsync(new UserPolicy(alice.Id, "p", "{}"), None));

        Assert.Equal(DeleteUserOutcome.OwnsBuckets, await Store.DeleteUserAsync(alice.Id, None));
        await DeleteBucketAsync("alices-bucket");
        Assert.Equal(DeleteUserOutcome.HasAccessKeys, await Store.DeleteUserAsync(alice.Id, None));
        Assert.True(await Store.DeleteAccessKeyAsync(alice.Id, "AKALICE", None));
        Assert.Equal(DeleteUserOutcome.HasPolicies, await Store.DeleteUserAsync(alice.Id, None));
        Assert.Equal(alice, await Store.FindUserAsync(alice.Id, None));
        Assert.True(await Store.DeleteUserPolicyAsync(alice.Id, "p", None));

        Assert.Equal(DeleteUserOutcome.Deleted, await Store.DeleteUserAsync(alice.Id, None));

        Assert.Null(await Store.FindUserAsync(alice.Id, None));
        Assert.Null(await Store.FindUserByNameAsync("alice", None));
        Assert.Equal(DeleteUserOutcome.NotFound, await Store.DeleteUserAsync(alice.Id, None));
        Assert.True(await Store.CreateUserAsync(new User(UserIds.New(), "alice", Now, IdentityStatus.Active), None));
    }

    [SkippableFact]
    public async Task The_root_user_is_never_deleted_even_without_keys()
    {
        Assert.Empty(await Store.ListAccessKeysAsync(User.RootId, None));

        Assert.Equal(DeleteUserOutcome.HasAccessKeys, await Store.DeleteUserAsync(User.RootId, None));

        Assert.NotNull(await Store.FindUserAsync(User.RootId, None));
    }

    [SkippableFact]
    public async Task A_key_added_while_its_user_is_deleted_never_outlives_the_user()
    {
        for (var round = 0; round < 10; round++)
        {
            var user = await CreateUserAsync($"user-{round}");
            var key = new AccessKey($"AKRACE{round}", "secret", user.Id, IdentityStatus.Active, null, Now);
            var create = Task.Run(() => Store.CreateAccessKeyAsync(key, None));
            var delete = Task.Run(() => Store.DeleteUserAsync(user.Id, None));
            await Task.WhenAll(create, delete);

            var created = await create;
            var outcome = await delete;
            Assert.True((created && outcome == DeleteUserOutcome.HasAccessKeys) || (!created && outcome == DeleteUserOutcome.Deleted),
                $"key created: {created}, deletion: {outcome}");
            Assert.Equal(created, await Store.FindAccessKeyAsync(key.AccessKeyId, None) is not null);
            Assert.Equal(created, await Store.FindUserAsync(user.Id, None) is not null);
        }
    }

    [SkippableFact]
    public async Task A_key_is_deleted_only_by_its_own_user()
    {
        var alice = await CreateUserAsync("alice");
        await Store.CreateAccessKeyAsync(new AccessKey("AKALICE", "alice-secret", alice.Id, IdentityStatus.Active, null, Now), None);

        Assert.False(await Store.DeleteAccessKeyAsync(User.RootId, "AKALICE", None));
        Assert.NotNull(await Store.FindAccessKeyAsync("AKALICE", None));

        Assert.True(await Store.DeleteAccessKeyAsync(alice.Id, "AKALICE", None));
        Assert.Null(await Store.FindAccessKeyAsync("AKALICE", None));
        Assert.False(await Store.DeleteAccessKeyAsync(alice.Id, "AKALICE", None));
        Assert.Empty(await Store.ListAccessKeysAsync(alice.Id, None));
    }

    [SkippableFact]
    public async Task Inline_policies_are_put_replaced_listed_by_name_and_deleted_and_survive_a_reopen()
    {
        var alice = await CreateUserAsync("alice");
        var bob = await CreateUserAsync("bob");
        var write = new UserPolicy(alice.Id, "write", """{"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}""");
        var read = new UserPolicy(alice.Id, "Read", """{"Statement":[]}""");

        Assert.True(await Store.PutUserPolicyAsync(write, None));
        Assert.True(await Store.PutUserPolicyAsync(read, None));
        Assert.True(await Store.PutUserPolicyAsync(new UserPolicy(bob.Id, "write", "{}"), None));
        var replaced = read with { Document = """{"Version":"2012-10-17","Statement":[]}""" };
        Assert.True(await Store.PutUserPolicyAsync(replaced, None));
        Assert.False(await Store.PutUserPolicyAsync(new UserPolicy("no-such-user", "p", "{}"), None));

        Reopen();
        Assert.Equal([replaced, write], await Store.ListUserPoliciesAsync(alice.Id, None));
        Assert.Equal(write, await Store.GetUserPolicyAsync(alice.Id, "write", None));
        Assert.Null(await Store.GetUserPolicyAsync(alice.Id, "WRITE", None));
        Assert.Empty(await Store.ListUserPoliciesAsync("no-such-user", None));

        Assert.True(await Store.DeleteUserPolicyAsync(alice.Id, "write", None));
        Assert.False(await Store.DeleteUserPolicyAsync(alice.Id, "write", None));
        Assert.Equal([replaced], await Store.ListUserPoliciesAsync(alice.Id, None));
        Assert.Single(await Store.ListUserPoliciesAsync(bob.Id, None));
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
