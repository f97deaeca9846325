using Cairn.Core.Identity.Roles;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Identity;

/// <summary>
/// What every request of a role session reads (the role by id, its policies) is served from memory for a short while,
/// and no longer than a write through the cache.
/// </summary>
public sealed class CachingRoleStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryRoleStore _inner = new();
    private readonly CachingRoleStore _cache;
    private readonly Role _role = new("AROAUPLOADER", "Uploader", "u1", "{}", Role.DefaultMaxSessionDuration, string.Empty, Now);
    private readonly RolePolicy _write = new("AROAUPLOADER", "write", """{"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}""");

    public CachingRoleStoreTests()
    {
        _cache = new CachingRoleStore(_inner, _time, Lifetime);
        _inner.CreateRoleAsync(_role, None).GetAwaiter().GetResult();
        _inner.PutRolePolicyAsync(_write, None).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task A_found_role_and_its_policies_reach_the_store_once_until_the_entries_age_out()
    {
        Assert.Equal(_role, await _cache.FindRoleAsync(_role.Id, None));
        Assert.Equal([_write], await _cache.ListRolePoliciesAsync(_role.Id, None));
        _time.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(_role, await _cache.FindRoleAsync(_role.Id, None));
        Assert.Equal([_write], await _cache.ListRolePoliciesAsync(_role.Id, None));
        Assert.Equal((1, 1), (_inner.RoleLookups, _inner.PolicyLookups));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _cache.FindRoleAsync(_role.Id, None);
        await _cache.ListRolePoliciesAsync(_role.Id, None);
        Assert.Equal((2, 2), (_inner.RoleLookups, _inner.PolicyLookups));
    }

    [Fact]
    public async Task A_change_made_past_the_cache_is_seen_once_the_entries_age_out()
    {
        await _cache.FindRoleAsync(_role.Id, None);
        await _cache.ListRolePoliciesAsync(_role.Id, None);
        await _inner.UpdateRoleAsync(_role with { Description = "elsewhere" }, None);
        await _inner.DeleteRolePolicyAsync(_role.Id, "write", None);

        Assert.Equal(string.Empty, (await _cache.FindRoleAsync(_role.Id, None))!.Description);
        Assert.Equal([_write], await _cache.ListRolePoliciesAsync(_role.Id, None));

        _time.Advance(Lifetime);
        Assert.Equal("elsewhere", (await _cache.FindRoleAsync(_role.Id, None))!.Description);
        Assert.Empty(await _cache.ListRolePoliciesAsync(_role.Id, None));
    }

    [Fact]
    public async Task A_role_updated_through_the_cache_is_seen_at_once()
    {
        await _cache.FindRoleAsync(_role.Id, None);

        Assert.True(await _cache.UpdateRoleAsync(_role with { MaxSessionDuration = TimeSpan.FromHours(4) }, None));

        Assert.Equal(TimeSpan.FromHours(4), (await _cache.FindRoleAsync(_role.Id, None))!.MaxSessionDuration);
    }

    [Fact]
    public async Task Policies_put_and_deleted_through_the_cache_are_seen_at_once()
    {
        Assert.Equal([_write], await _cache.ListRolePoliciesAsync(_role.Id, None));
        var read = new RolePolicy(_role.Id, "read", """{"Statement":[]}""");

        Assert.True(await _cache.PutRolePolicyAsync(read, None));
        Assert.Equal([read, _write], await _cache.ListRolePoliciesAsync(_role.Id, None));

        Assert.True(await _cache.DeleteRolePolicyAsync(_role.Id, "write", None));
        Assert.Equal([read], await _cache.ListRolePoliciesAsync(_role.Id, None));
        Assert.Equal(3, _inner.PolicyLookups);
    }

    [Fact]
    public async Task A_role_deleted_through_the_cache_is_gone_at_once_and_one_made_again_under_its_name_is_found()
    {
        Assert.True(await _cache.DeleteRolePolicyAsync(_role.Id, "write", None));
        Assert.NotNull(await _cache.FindRoleAsync(_role.Id, None));
        Assert.Empty(await _cache.ListRolePoliciesAsync(_role.Id, None));

        Assert.Equal(DeleteRoleOutcome.Deleted, await _cache.DeleteRoleAsync(_role.Id, None));
        Assert.Null(await _cache.FindRoleAsync(_role.Id, None));
        Assert.Empty(await _cache.ListRolePoliciesAsync(_role.Id, None));

        var again = _role with { Id = RoleIds.New() };
        Assert.True(await _cache.CreateRoleAsync(again, None));
        Assert.Equal(again, await _cache.FindRoleAsync(again.Id, None));
    }

    [Fact]
    public async Task Unknown_role_ids_are_not_remembered()
    {
        var created = _role with { Id = "AROALATER", Name = "Later" };
        Assert.Null(await _cache.FindRoleAsync(created.Id, None));
        Assert.Null(await _cache.FindRoleAsync(created.Id, None));
        Assert.Equal(2, _inner.RoleLookups);

        // Made past the cache: found at once, since the misses were not kept.
        await _inner.CreateRoleAsync(created, None);
        Assert.Equal(created, await _cache.FindRoleAsync(created.Id, None));
    }
}
