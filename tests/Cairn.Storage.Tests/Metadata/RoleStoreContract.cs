using Cairn.Core.Identity.Roles;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// What the IAM and STS endpoints rely on from any <see cref="IRoleStore"/>: role names unique ignoring case (also
/// when created at the same moment), listings in UTF-8 byte order, inline policies replaced by name, a role removed
/// only once its policies are gone, a role made again under an old name sharing nothing with the old one, and data
/// that survives a reopen. A concrete test class opens the store on the data kept for the current test; opening it
/// again must see the same data.
/// </summary>
public abstract class RoleStoreContract
{
    protected static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private const string TrustPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"Action":"sts:AssumeRole"}]}""";

    private IRoleStore? _opened;

    /// <summary>The clock the store is opened with.</summary>
    protected FakeTimeProvider Time { get; } = new(Now);

    /// <summary>Opens (creating if needed) the role store on the current test's data.</summary>
    protected abstract IRoleStore Open(TimeProvider time);

    /// <summary>Closes what <see cref="Open"/> opened, so that the next open starts afresh on the same data.</summary>
    protected abstract void Close();

    private IRoleStore Store => _opened ??= Open(Time);

    [SkippableFact]
    public async Task A_created_role_is_found_by_id_and_by_its_name_in_any_case_and_survives_a_reopen()
    {
        var role = NewRole("Uploader") with { MaxSessionDuration = TimeSpan.FromHours(12), Description = "phones upload here" };
        Assert.True(await Store.CreateRoleAsync(role, None));

        Reopen();

        Assert.Equal(role, await Store.FindRoleAsync(role.Id, None));
        Assert.Equal(role, await Store.FindRoleByNameAsync("Uploader", None));
        Assert.Equal(role, await Store.FindRoleByNameAsync("uploader", None));
        Assert.Equal(role, await Store.FindRoleByNameAsync("UPLOADER", None));
        Assert.Null(await Store.FindRoleByNameAsync("Uploader2", None));
        Assert.Null(await Store.FindRoleAsync(RoleIds.New(), None));
    }

    [SkippableFact]
    public async Task A_taken_role_id_or_a_name_taken_in_any_case_is_refused_and_changes_nothing()
    {
        var role = await CreateRoleAsync("Uploader");

        Assert.False(await Store.CreateRoleAsync(role with { Name = "Other" }, None));
        Assert.False(await Store.CreateRoleAsync(NewRole("Uploader"), None));
        Assert.False(await Store.CreateRoleAsync(NewRole("uPLOADER") with { Description = "taken" }, None));

        Assert.Equal([role], await Store.ListRolesAsync(null, 10, None));
        Assert.Null(await Store.FindRoleByNameAsync("Other", None));
    }

    [SkippableFact]
    public async Task Case_is_ignored_for_the_ASCII_letters_role_names_are_made_of_and_both_stores_compare_other_letters_exactly()
    {
        var accented = await CreateRoleAsync("Équipe-a");

        Assert.Equal(accented, await Store.FindRoleByNameAsync("Équipe-a", None));
        Assert.Equal(accented, await Store.FindRoleByNameAsync("ÉQUIPE-A", None));
        Assert.Null(await Store.FindRoleByNameAsync("équipe-a", None));
        var lower = await CreateRoleAsync("équipe-a");
        Assert.Equal(lower, await Store.FindRoleByNameAsync("éQUIPE-A", None));
    }

    [SkippableFact]
    public async Task Roles_are_listed_in_UTF8_byte_order_page_by_page_after_a_name()
    {
        // Byte order puts upper case before lower case and "_" between them; U+FF5E sorts before U+1F600 in UTF-8
        // (and code point) order, after it in UTF-16 order.
        string[] names = ["😀", "writer", "reader", "Zed", "\uFF5E", "_x", "read", "Alpha", "a.b@c"];
        foreach (var name in names)
        {
            await CreateRoleAsync(name);
        }

        string[] expected = ["Alpha", "Zed", "_x", "a.b@c", "read", "reader", "writer", "\uFF5E", "😀"];
        Assert.Equal(expected, (await Store.ListRolesAsync(null, 100, None)).Select(r => r.Name));

        var paged = new List<string>();
        for (string? after = null; ;)
        {
            var page = await Store.ListRolesAsync(after, 4, None);
            paged.AddRange(page.Select(r => r.Name));
            if (page.Count < 4)
            {
                break;
            }

            after = page[^1].Name;
        }

        Assert.Equal(expected, paged);
        Assert.Equal(["reader", "writer"], (await Store.ListRolesAsync("read", 2, None)).Select(r => r.Name));
        Assert.Equal(["a.b@c", "read"], (await Store.ListRolesAsync("_x", 2, None)).Select(r => r.Name));
        Assert.Equal(["\uFF5E", "😀"], (await Store.ListRolesAsync("writer", 10, None)).Select(r => r.Name));
        Assert.Empty(await Store.ListRolesAsync("😀", 10, None));
        Assert.Empty(await Store.ListRolesAsync(null, 0, None));
    }

    [SkippableFact]
    public async Task An_update_changes_the_trust_policy_session_length_and_description_and_nothing_else()
    {
        var role = await CreateRoleAsync("Uploader");
        var other = await CreateRoleAsync("Reader");
        const string NewTrust = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}""";

        var changed = role with
        {
            Name = "Reader",
            OwnerId = "someone-else",
            TrustPolicy = NewTrust,
            MaxSessionDuration = TimeSpan.FromHours(3),
            Description = "changed",
            CreatedAt = Now.AddDays(1),
        };
        Assert.True(await Store.UpdateRoleAsync(changed, None));
        Assert.False(await Store.UpdateRoleAsync(NewRole("Ghost"), None));

        Reopen();
        var expected = role with { TrustPolicy = NewTrust, MaxSessionDuration = TimeSpan.FromHours(3), Description = "changed" };
        Assert.Equal(expected, await Store.FindRoleAsync(role.Id, None));
        Assert.Equal(expected, await Store.FindRoleByNameAsync("Uploader", None));
        Assert.Equal(other, await Store.FindRoleByNameAsync("Reader", None));
        Assert.Null(await Store.FindRoleByNameAsync("Ghost", None));
    }

    [SkippableFact]
    public async Task Inline_policies_are_put_replaced_listed_by_name_and_deleted_and_survive_a_reopen()
    {
        var uploader = await CreateRoleAsync("Uploader");
        var reader = await CreateRoleAsync("Reader");
        var write = new RolePolicy(uploader.Id, "write", """{"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}""");
        var read = new RolePolicy(uploader.Id, "Read", """{"Statement":[]}""");

        Assert.True(await Store.PutRolePolicyAsync(write, None));
        Assert.True(await Store.PutRolePolicyAsync(read, None));
        Assert.True(await Store.PutRolePolicyAsync(new RolePolicy(reader.Id, "write", "{}"), None));
        var replaced = read with { Document = """{"Version":"2012-10-17","Statement":[]}""" };
        Assert.True(await Store.PutRolePolicyAsync(replaced, None));
        Assert.False(await Store.PutRolePolicyAsync(new RolePolicy(RoleIds.New(), "p", "{}"), None));

        Reopen();
        Assert.Equal([replaced, write], await Store.ListRolePoliciesAsync(uploader.Id, None));
        Assert.Equal(write, await Store.GetRolePolicyAsync(uploader.Id, "write", None));
        Assert.Null(await Store.GetRolePolicyAsync(uploader.Id, "WRITE", None));
        Assert.Null(await Store.GetRolePolicyAsync(RoleIds.New(), "write", None));
        Assert.Empty(await Store.ListRolePoliciesAsync(RoleIds.New(), None));

        Assert.True(await Store.DeleteRolePolicyAsync(uploader.Id, "write", None));
        Assert.False(await Store.DeleteRolePolicyAsync(uploader.Id, "write", None));
        Assert.False(await Store.DeleteRolePolicyAsync(uploader.Id, "no-such-policy", None));
        Assert.Equal([replaced], await Store.ListRolePoliciesAsync(uploader.Id, None));
        Assert.Equal([new RolePolicy(reader.Id, "write", "{}")], await Store.ListRolePoliciesAsync(reader.Id, None));
    }

    [SkippableFact]
    public async Task A_role_is_deleted_only_once_its_inline_policies_are_gone()
    {
        var role = await CreateRoleAsync("Uploader");
        Assert.True(await Store.PutRolePolicyAsync(new RolePolicy(role.Id, "a", "{}"), None));
        Assert.True(await Store.PutRolePolicyAsync(new RolePolicy(role.Id, "b", "{}"), None));

        Assert.Equal(DeleteRoleOutcome.HasPolicies, await Store.DeleteRoleAsync(role.Id, None));
        Assert.True(await Store.DeleteRolePolicyAsync(role.Id, "a", None));
        Assert.Equal(DeleteRoleOutcome.HasPolicies, await Store.DeleteRoleAsync(role.Id, None));
        Assert.Equal(role, await Store.FindRoleAsync(role.Id, None));
        Assert.Single(await Store.ListRolePoliciesAsync(role.Id, None));
        Assert.True(await Store.DeleteRolePolicyAsync(role.Id, "b", None));

        Assert.Equal(DeleteRoleOutcome.Deleted, await Store.DeleteRoleAsync(role.Id, None));

        Assert.Null(await Store.FindRoleAsync(role.Id, None));
        Assert.Null(await Store.FindRoleByNameAsync("Uploader", None));
        Assert.Empty(await Store.ListRolesAsync(null, 10, None));
        Assert.Equal(DeleteRoleOutcome.NotFound, await Store.DeleteRoleAsync(role.Id, None));
        Assert.Equal(DeleteRoleOutcome.NotFound, await Store.DeleteRoleAsync(RoleIds.New(), None));
    }

    [SkippableFact]
    public async Task A_role_made_again_under_its_old_name_has_a_new_id_and_none_of_the_old_rights()
    {
        var old = await CreateRoleAsync("Uploader");
        Assert.True(await Store.PutRolePolicyAsync(new RolePolicy(old.Id, "write", "{}"), None));
        Assert.True(await Store.DeleteRolePolicyAsync(old.Id, "write", None));
        Assert.Equal(DeleteRoleOutcome.Deleted, await Store.DeleteRoleAsync(old.Id, None));

        var again = await CreateRoleAsync("uploader");

        Assert.NotEqual(old.Id, again.Id);
        Assert.Equal(again, await Store.FindRoleByNameAsync("Uploader", None));
        Assert.Null(await Store.FindRoleAsync(old.Id, None));
        Assert.Empty(await Store.ListRolePoliciesAsync(again.Id, None));
        Assert.False(await Store.PutRolePolicyAsync(new RolePolicy(old.Id, "write", "{}"), None));
        Assert.False(await Store.UpdateRoleAsync(old with { Description = "revived" }, None));
        Assert.Empty(await Store.ListRolePoliciesAsync(again.Id, None));
    }

    [SkippableFact]
    public async Task Of_several_roles_created_at_once_under_one_name_in_any_case_exactly_one_is_made()
    {
        for (var round = 0; round < 5; round++)
        {
            string[] spellings = [$"uploader{round}", $"Uploader{round}", $"UPLOADER{round}", $"uPloader{round}", $"uploadeR{round}", $"UpLoAdEr{round}"];
            var roles = spellings.Select(NewRole).ToList();

            var created = await Task.WhenAll(roles.Select(role => Task.Run(() => Store.CreateRoleAsync(role, None))));

            var winner = roles[Assert.Single(Enumerable.Range(0, roles.Count), i => created[i])];
            Assert.Equal(winner, await Store.FindRoleByNameAsync($"uploader{round}", None));
            foreach (var loser in roles.Where(r => r != winner))
            {
                Assert.Null(await Store.FindRoleAsync(loser.Id, None));
            }
        }

        Assert.Equal(5, (await Store.ListRolesAsync(null, 100, None)).Count);
    }

    [SkippableFact]
    public async Task A_policy_put_while_its_role_is_deleted_never_outlives_the_role()
    {
        for (var round = 0; round < 10; round++)
        {
            var role = await CreateRoleAsync($"role-{round}");
            var policy = new RolePolicy(role.Id, "write", "{}");
            var put = Task.Run(() => Store.PutRolePolicyAsync(policy, None));
            var delete = Task.Run(() => Store.DeleteRoleAsync(role.Id, None));
            await Task.WhenAll(put, delete);

            var stored = await put;
            var outcome = await delete;
            Assert.True((stored && outcome == DeleteRoleOutcome.HasPolicies) || (!stored && outcome == DeleteRoleOutcome.Deleted),
                $"policy stored: {stored}, deletion: {outcome}");
            Assert.Equal(stored, await Store.GetRolePolicyAsync(role.Id, "write", None) is not null);
            Assert.Equal(stored, await Store.FindRoleAsync(role.Id, None) is not null);
        }
    }

    [SkippableFact]
    public async Task Ids_and_names_holding_U0000_match_no_role_and_change_nothing()
    {
        var role = await CreateRoleAsync("Uploader");
        Assert.True(await Store.PutRolePolicyAsync(new RolePolicy(role.Id, "write", "{}"), None));

        Assert.Null(await Store.FindRoleAsync(role.Id + "\0", None));
        Assert.Null(await Store.FindRoleByNameAsync("Uploader\0", None));
        Assert.False(await Store.UpdateRoleAsync(role with { Id = role.Id + "\0", Description = "x" }, None));
        Assert.Equal(DeleteRoleOutcome.NotFound, await Store.DeleteRoleAsync(role.Id + "\0", None));
        Assert.False(await Store.PutRolePolicyAsync(new RolePolicy(role.Id + "\0", "write", "{}"), None));
        Assert.Null(await Store.GetRolePolicyAsync(role.Id, "write\0", None));
        Assert.Empty(await Store.ListRolePoliciesAsync(role.Id + "\0", None));
        Assert.False(await Store.DeleteRolePolicyAsync(role.Id, "write\0", None));

        Assert.Equal(role, await Store.FindRoleAsync(role.Id, None));
        Assert.Equal([new RolePolicy(role.Id, "write", "{}")], await Store.ListRolePoliciesAsync(role.Id, None));
    }

    private static Role NewRole(string name) =>
        new(RoleIds.New(), name, "owner-id", TrustPolicy, Role.DefaultMaxSessionDuration, string.Empty, Now);

    private async Task<Role> CreateRoleAsync(string name)
    {
        var role = NewRole(name);
        Assert.True(await Store.CreateRoleAsync(role, None));
        return role;
    }

    private void Reopen()
    {
        Close();
        _opened = Open(Time);
    }
}
