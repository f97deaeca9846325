using Cairn.Core.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Identity;

/// <summary>Key and user lookups are served from memory for a short while, and no longer than a write through the cache.</summary>
public sealed class CachingIdentityStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryIdentityStore _inner = new();
    private readonly CachingIdentityStore _cache;
    private readonly User _alice = new("u1", "alice", Now, IdentityStatus.Active);
    private readonly AccessKey _key;

    public CachingIdentityStoreTests()
    {
        _cache = new CachingIdentityStore(_inner, _time, TimeSpan.FromSeconds(5));
        _key = new AccessKey("AK1", "secret", _alice.Id, IdentityStatus.Active, null, Now);
        _inner.CreateUserAsync(_alice, None).GetAwaiter().GetResult();
        _inner.CreateAccessKeyAsync(_key, None).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Repeated_key_lookups_reach_the_store_once_until_the_entry_ages_out()
    {
        await _cache.FindAccessKeyAsync("AK1", None);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(_key, (await _cache.FindAccessKeyAsync("AK1", None))!.Key);
        Assert.Equal(1, _inner.KeyLookups);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _cache.FindAccessKeyAsync("AK1", None);
        Assert.Equal(2, _inner.KeyLookups);
    }

    [Fact]
    public async Task A_users_policies_are_read_once_while_fresh_and_a_policy_put_through_the_cache_is_seen_at_once()
    {
        Assert.Empty(await _cache.ListUserPoliciesAsync(_alice.Id, None));
        Assert.Empty(await _cache.ListUserPoliciesAsync(_alice.Id, None));
        Assert.Equal(1, _inner.PolicyLookups);

        var policy = new UserPolicy(_alice.Id, "read-only", """{"Version":"2012-10-17","Statement":[]}""");
        Assert.True(await _cache.PutUserPolicyAsync(policy, None));

        Assert.Equal([policy], await _cache.ListUserPoliciesAsync(_alice.Id, None));
        Assert.True(await _cache.DeleteUserPolicyAsync(_alice.Id, "read-only", None));
        Assert.Empty(await _cache.ListUserPoliciesAsync(_alice.Id, None));
        Assert.Equal(3, _inner.PolicyLookups);
    }

    [Fact]
    public async Task A_key_deactivated_through_the_cache_is_seen_at_once()
    {
        await _cache.FindAccessKeyAsync("AK1", None);

        await _cache.UpdateAccessKeyAsync(_key with { Status = IdentityStatus.Inactive }, None);

        Assert.Equal(IdentityStatus.Inactive, (await _cache.FindAccessKeyAsync("AK1", None))!.Key.Status);
    }

    [Fact]
    public async Task A_user_renamed_through_the_cache_is_seen_at_once_by_user_and_key_lookups()
    {
        await _cache.FindUserAsync(_alice.Id, None);
        await _cache.FindAccessKeyAsync("AK1", None);

        await _cache.UpdateUserAsync(_alice with { Name = "alice2", Status = IdentityStatus.Inactive }, None);

        Assert.Equal("alice2", (await _cache.FindUserAsync(_alice.Id, None))!.Name);
        Assert.Equal(IdentityStatus.Inactive, (await _cache.FindAccessKeyAsync("AK1", None))!.User.Status);
    }

    [Fact]
    public async Task A_change_by_another_process_is_seen_once_the_entry_ages_out()
    {
        await _cache.FindAccessKeyAsync("AK1", None);
        await _inner.UpdateAccessKeyAsync(_key with { Status = IdentityStatus.Inactive }, None);

        Assert.Equal(IdentityStatus.Active, (await _cache.FindAccessKeyAsync("AK1", None))!.Key.Status);
        _time.Advance(_cache.Lifetime);
        Assert.Equal(IdentityStatus.Inactive, (await _cache.FindAccessKeyAsync("AK1", None))!.Key.Status);
    }

    [Fact]
    public async Task Unknown_keys_are_not_remembered()
    {
        Assert.Null(await _cache.FindAccessKeyAsync("AKNONE", None));
        Assert.Null(await _cache.FindAccessKeyAsync("AKNONE", None));

        Assert.Equal(2, _inner.KeyLookups);
    }

    [Fact]
    public async Task A_lookup_overtaken_by_a_write_does_not_cache_what_it_read()
    {
        // The store answers with the active key, then a write lands before the answer is cached.
        _inner.DuringNextKeyLookup = () =>
            _cache.UpdateAccessKeyAsync(_key with { Status = IdentityStatus.Inactive }, None).GetAwaiter().GetResult();
        Assert.Equal(IdentityStatus.Active, (await _cache.FindAccessKeyAsync("AK1", None))!.Key.Status);

        Assert.Equal(IdentityStatus.Inactive, (await _cache.FindAccessKeyAsync("AK1", None))!.Key.Status);
    }
}
