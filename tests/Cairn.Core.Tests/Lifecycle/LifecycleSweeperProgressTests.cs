using Cairn.Core.Lifecycle;
using Cairn.Core.Model;
using static Cairn.Core.Tests.Lifecycle.LifecycleSweepFixture;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>
/// How a sweep advances: in passes of at most one batch, from the cursor stored after every batch (so a restarted
/// process or another node goes on where the sweep stopped), on one node at a time (the holder of the sweep lease),
/// and once per interval among all nodes.
/// </summary>
public sealed class LifecycleSweeperProgressTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly LifecycleSweepFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Each_pass_removes_at_most_one_batch_and_the_sweep_goes_on_until_everything_due_is_gone()
    {
        await _fixture.SetRulesAsync(ExpireAfter(1), AbortAfter(1));
        await PutManyAsync(1050);
        for (var i = 0; i < 150; i++)
        {
            await _fixture.InitiateWithPartAsync($"upload-{i:D3}");
        }

        _fixture.Clock.Advance(2 * Day);
        var sweeper = _fixture.NewSweeper(batch: 100);
        var left = 1200;
        var passes = 0;
        for (var more = true; more; passes++)
        {
            var pass = await sweeper.RunPassAsync(None);
            var now = (await _fixture.ListKeysAsync()).Count + (await _fixture.ListUploadIdsAsync()).Count;
            Assert.InRange(pass.Done, 0, 100);
            Assert.Equal(left - now, pass.Done);
            (left, more) = (now, pass.MoreWaiting);
        }

        Assert.Equal(0, left);
        Assert.InRange(passes, 12, 20);
        Assert.Equal(1050, _fixture.Observer.Expired);
        Assert.Equal(150, _fixture.Observer.Aborted);
        Assert.Equal(1200, _fixture.Observer.Due);
        Assert.Single(_fixture.Observer.Sweeps);
    }

    [Fact]
    public async Task A_sweep_cut_short_goes_on_from_its_stored_cursor_in_a_new_sweeper_and_finishes()
    {
        await _fixture.SetRulesAsync(ExpireAfter(1));
        var keys = await PutManyAsync(500);
        _fixture.Clock.Advance(2 * Day);
        var first = _fixture.NewSweeper(batch: 100);
        Assert.True((await first.RunPassAsync(None)).MoreWaiting);
        Assert.True((await first.RunPassAsync(None)).MoreWaiting);
        var left = await _fixture.ListKeysAsync();
        Assert.InRange(left.Count, 300, 499);

        // The process is gone: a new one, on the same node, starts with nothing but the store.
        var afters = new List<string?>();
        var watched = new WatchedLifecycleStore(_fixture.Store, after => Record(afters, after));
        await _fixture.SweepAsync(_fixture.NewSweeper(batch: 100, store: watched));

        Assert.Empty(await _fixture.ListKeysAsync());
        Assert.Equal(keys[keys.Count - left.Count - 1], afters[0]);
        Assert.Equal(500, _fixture.Observer.Due);
    }

    [Fact]
    public async Task Another_node_takes_a_sweep_over_from_its_cursor_once_the_lease_of_the_node_that_stopped_has_lapsed()
    {
        await _fixture.SetRulesAsync(ExpireAfter(1));
        await PutManyAsync(300);
        _fixture.Clock.Advance(2 * Day);
        var stopped = _fixture.NewSweeper(batch: 100, node: "node-a");
        Assert.True((await stopped.RunPassAsync(None)).MoreWaiting);
        var left = (await _fixture.ListKeysAsync()).Count;

        var afters = new List<string?>();
        var watched = new WatchedLifecycleStore(_fixture.Store, after => Record(afters, after));
        var other = _fixture.NewSweeper(batch: 100, node: "node-b", store: watched);
        Assert.Equal(new(0, false), await other.RunPassAsync(None));
        Assert.Equal(left, (await _fixture.ListKeysAsync()).Count);

        _fixture.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await _fixture.SweepAsync(other);

        Assert.Empty(await _fixture.ListKeysAsync());
        Assert.NotNull(afters[0]);
    }

    [Fact]
    public async Task Two_sweepers_on_one_store_do_not_both_sweep()
    {
        await _fixture.SetRulesAsync(ExpireAfter(1));
        await PutManyAsync(400);
        _fixture.Clock.Advance(2 * Day);
        var a = _fixture.NewSweeper(batch: 100, node: "node-a");
        var b = _fixture.NewSweeper(batch: 100, node: "node-b");

        var doneByA = 0;
        for (var more = true; more;)
        {
            var pass = await a.RunPassAsync(None);
            (doneByA, more) = (doneByA + pass.Done, pass.MoreWaiting);
            if (more)
            {
                Assert.Equal(new(0, false), await b.RunPassAsync(None));
            }
        }

        Assert.Equal(400, doneByA);
        Assert.Empty(await _fixture.ListKeysAsync());
        Assert.Single(_fixture.Observer.Sweeps);
    }

    [Fact]
    public async Task The_next_sweep_starts_an_interval_after_the_last_one_ended_whichever_node_runs_it()
    {
        var start = _fixture.Clock.GetUtcNow();
        await _fixture.SetRulesAsync(new LifecycleRule
        {
            Id = "soon",
            Enabled = true,
            Expiration = new LifecycleExpiration { Date = start + TimeSpan.FromMinutes(30) },
        });
        await _fixture.PutAsync("k");
        var interval = TimeSpan.FromHours(1);
        await _fixture.SweepAsync(_fixture.NewSweeper(node: "node-a", interval: interval));
        var other = _fixture.NewSweeper(node: "node-b", interval: interval);

        _fixture.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(new(0, false), await other.RunPassAsync(None));
        Assert.Equal(["k"], await _fixture.ListKeysAsync());

        _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await _fixture.SweepAsync(other);
        Assert.Empty(await _fixture.ListKeysAsync());
        Assert.Equal(2, _fixture.Observer.Sweeps.Count);
    }

    [Fact]
    public async Task A_hundred_thousand_due_objects_are_swept_to_nothing_in_passes_of_one_batch()
    {
        const int count = 100_000;
        await _fixture.SetRulesAsync(ExpireAfter(1));
        var written = _fixture.Clock.GetUtcNow();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, token) =>
            await _fixture.Store.PutObjectAsync(new ObjectRecord
            {
                Bucket = Bucket,
                Key = $"bulk/{i:D6}",
                Size = 1,
                ETag = "\"93b885adfe0da089cdf634904fd59f71\"",
                LastModified = written,
                InlineContent = [0],
            }, token));
        _fixture.Clock.Advance(2 * Day);

        var passes = await _fixture.SweepAsync(_fixture.NewSweeper(batch: 1000), maxPasses: 200);

        Assert.All(passes, pass => Assert.InRange(pass.Done, 0, 1000));
        Assert.Equal(count, passes.Sum(pass => pass.Done));
        Assert.Empty(await _fixture.Store.ScanObjectsAsync(Bucket, string.Empty, null, 1, None));
    }

    private static Task Record(List<string?> afters, string? after)
    {
        afters.Add(after);
        return Task.CompletedTask;
    }

    /// <summary>Puts <paramref name="count"/> objects with ordered keys; returns the keys in order.</summary>
    private async Task<List<string>> PutManyAsync(int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"object-{i:D5}").ToList();
        foreach (var key in keys)
        {
            await _fixture.PutAsync(key);
        }

        return keys;
    }
}
