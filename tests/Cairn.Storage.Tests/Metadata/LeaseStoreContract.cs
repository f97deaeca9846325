using Cairn.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// What work run on one node at a time relies on from any <see cref="ILeaseStore"/>: one holder per lease until it
/// expires or is released, renewal by the holder, and leases that survive a reopen. A concrete test class opens the
/// store on the data kept for the current test, on the clock it is given; opening it again must see the same data.
/// </summary>
public abstract class LeaseStoreContract
{
    protected static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private ILeaseStore? _opened;

    /// <summary>The clock the store is opened with.</summary>
    protected FakeTimeProvider Time { get; } = new(Now);

    /// <summary>Opens (creating if needed) the lease store on the current test's data.</summary>
    protected abstract ILeaseStore Open(TimeProvider time);

    /// <summary>Closes what <see cref="Open"/> opened, so that the next open starts afresh on the same data.</summary>
    protected abstract void Close();

    private ILeaseStore Store => _opened ??= Open(Time);

    [SkippableFact]
    public async Task A_free_lease_is_taken_and_refused_to_another_holder_until_it_expires()
    {
        Assert.True(await Store.TryAcquireAsync("sweep", "node-a", Minute, None));

        Assert.False(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));
        Time.Advance(Minute - TimeSpan.FromSeconds(1));
        Assert.False(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));
        Assert.False(await Store.TryAcquireAsync("sweep", "node-a", Minute, None));
    }

    [SkippableFact]
    public async Task The_holder_renews_its_lease_which_then_lasts_from_the_renewal()
    {
        Assert.True(await Store.TryAcquireAsync("sweep", "node-a", Minute, None));
        Time.Advance(TimeSpan.FromSeconds(50));

        Assert.True(await Store.TryAcquireAsync("sweep", "node-a", Minute, None));

        Time.Advance(TimeSpan.FromSeconds(50));
        Assert.False(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));
    }

    [SkippableFact]
    public async Task A_release_frees_the_lease_at_once_and_only_its_holder_can_release_it()
    {
        Assert.True(await Store.TryAcquireAsync("sweep", "node-a", Minute, None));

        await Store.ReleaseAsync("sweep", "node-b", None);
        Assert.False(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));

        await Store.ReleaseAsync("sweep", "node-a", None);
        Assert.True(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));
    }

    [SkippableFact]
    public async Task Releasing_a_lease_nobody_holds_changes_nothing()
    {
        await Store.ReleaseAsync("never-taken", "node-a", None);

        Assert.True(await Store.TryAcquireAsync("never-taken", "node-b", Minute, None));
    }

    [SkippableFact]
    public async Task Leases_of_different_names_are_held_independently()
    {
        Assert.True(await Store.TryAcquireAsync("sweep", "node-a", Minute, None));

        Assert.True(await Store.TryAcquireAsync("lifecycle", "node-b", Minute, None));
        Assert.False(await Store.TryAcquireAsync("lifecycle", "node-a", Minute, None));
        Assert.False(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));
    }

    [SkippableFact]
    public async Task Of_many_holders_racing_for_a_free_lease_exactly_one_gets_it()
    {
        var holders = Enumerable.Range(0, 16).Select(i => $"node-{i}").ToArray();

        var results = await Task.WhenAll(holders.Select(h => Store.TryAcquireAsync("sweep", h, Minute, None)));

        var winner = holders[Array.IndexOf(results, true)];
        Assert.Single(results, r => r);
        Assert.True(await Store.TryAcquireAsync("sweep", winner, Minute, None));
    }

    [SkippableFact]
    public async Task A_lease_survives_a_reopen_of_the_store()
    {
        Assert.True(await Store.TryAcquireAsync("sweep", "node-a", Minute, None));
        Close();
        _opened = Open(Time);

        Assert.False(await Store.TryAcquireAsync("sweep", "node-b", Minute, None));
        Assert.True(await Store.TryAcquireAsync("sweep", "node-a", Minute, None));
    }
}
