using Cairn.Core.Lifecycle;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using static Cairn.Core.Tests.Lifecycle.LifecycleSweepFixture;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>
/// What a sweep does to a bucket's uploads and objects under its rules, on the fake clock: what is due goes (its
/// blobs through the garbage queue), everything else stays, whatever the rule's filter leaves out.
/// </summary>
public sealed class LifecycleSweeperRuleTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly LifecycleSweepFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task An_upload_older_than_its_rule_is_aborted_and_its_part_files_are_gone_after_garbage_collection()
    {
        await _fixture.SetRulesAsync(AbortAfter(3));
        var (old, oldPart) = await _fixture.InitiateWithPartAsync("old");
        _fixture.Clock.Advance(2 * Day);
        var (young, youngPart) = await _fixture.InitiateWithPartAsync("young");
        _fixture.Clock.Advance(2 * Day);

        await _fixture.SweepAsync();
        await _fixture.CollectGarbageAsync();

        Assert.Equal([young], await _fixture.ListUploadIdsAsync());
        Assert.Null(await _fixture.Store.GetUploadAsync(old, None));
        Assert.False(_fixture.BlobExists(oldPart));
        Assert.True(_fixture.BlobExists(youngPart));
        Assert.Equal(1, _fixture.Observer.Aborted);
    }

    [Fact]
    public async Task An_object_past_its_expiration_in_days_is_gone_and_listed_nowhere_and_its_blob_is_freed()
    {
        await _fixture.SetRulesAsync(ExpireAfter(30));
        var old = await _fixture.PutAsync("old");
        _fixture.Clock.Advance(20 * Day);
        var young = await _fixture.PutAsync("young");
        _fixture.Clock.Advance(11 * Day);

        await _fixture.SweepAsync();
        await _fixture.CollectGarbageAsync();

        Assert.Equal(["young"], await _fixture.ListKeysAsync());
        Assert.Null(await _fixture.Store.GetObjectAsync(Bucket, "old", None));
        Assert.Empty(await _fixture.Store.ScanObjectsAsync(Bucket, "old", null, 10, None));
        Assert.False(_fixture.BlobExists(old));
        Assert.True(_fixture.BlobExists(young));
        Assert.Equal(1, _fixture.Observer.Expired);
    }

    [Fact]
    public async Task An_expiration_date_expires_every_covered_object_on_that_date_whatever_its_age_and_nothing_before()
    {
        var date = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);
        await _fixture.SetRulesAsync(new LifecycleRule { Id = "date", Enabled = true, Expiration = new LifecycleExpiration { Date = date } });
        await _fixture.PutAsync("a");
        _fixture.Clock.SetUtcNow(date - TimeSpan.FromHours(1));
        await _fixture.PutAsync("b");

        await _fixture.SweepAsync();
        Assert.Equal(["a", "b"], await _fixture.ListKeysAsync());

        _fixture.Clock.SetUtcNow(date);
        await _fixture.SweepAsync();
        Assert.Empty(await _fixture.ListKeysAsync());
    }

    [Fact]
    public async Task A_deadline_is_the_next_day_boundary_after_the_days_and_nothing_goes_one_tick_before_it()
    {
        // Put at 2025-03-14 15:09:26: one day later is the 15th at 15:09:26, rounded up to midnight on the 16th.
        await _fixture.SetRulesAsync(ExpireAfter(1), AbortAfter(1));
        await _fixture.PutAsync("k");
        await _fixture.InitiateWithPartAsync("u");
        var deadline = new DateTimeOffset(2025, 3, 16, 0, 0, 0, TimeSpan.Zero);

        _fixture.Clock.SetUtcNow(deadline - TimeSpan.FromTicks(1));
        await _fixture.SweepAsync();
        Assert.Equal(["k"], await _fixture.ListKeysAsync());
        Assert.Single(await _fixture.ListUploadIdsAsync());

        _fixture.Clock.SetUtcNow(deadline);
        await _fixture.SweepAsync();
        Assert.Empty(await _fixture.ListKeysAsync());
        Assert.Empty(await _fixture.ListUploadIdsAsync());
    }

    [Fact]
    public async Task A_prefix_filter_touches_no_object_or_upload_outside_the_prefix()
    {
        await _fixture.SetRulesAsync(
            ExpireAfter(1, new LifecycleFilter { Prefix = "logs/" }),
            AbortAfter(1, prefix: "logs/"));
        await _fixture.PutAsync("logs/a");
        await _fixture.PutAsync("logs");
        await _fixture.PutAsync("logsx/a");
        await _fixture.PutAsync("data/logs/a");
        var (inside, _) = await _fixture.InitiateWithPartAsync("logs/u");
        var (outside, _) = await _fixture.InitiateWithPartAsync("data/u");
        _fixture.Clock.Advance(10 * Day);

        await _fixture.SweepAsync();

        Assert.Equal(["data/logs/a", "logs", "logsx/a"], await _fixture.ListKeysAsync());
        Assert.Equal([outside], await _fixture.ListUploadIdsAsync());
        Assert.Null(await _fixture.Store.GetUploadAsync(inside, None));
    }

    [Fact]
    public async Task A_tag_filter_touches_no_object_without_every_tag_of_the_rule_and_no_upload()
    {
        var temporary = new Tag("class", "temporary");
        var owner = new Tag("owner", "ci");
        await _fixture.SetRulesAsync(ExpireAfter(1, new LifecycleFilter { Tags = new TagSet([temporary, owner]) }));
        await _fixture.PutAsync("both", tags: new TagSet([owner, temporary, new Tag("extra", "x")]));
        await _fixture.PutAsync("one", tags: new TagSet([temporary]));
        await _fixture.PutAsync("other-value", tags: new TagSet([temporary, new Tag("owner", "dev")]));
        await _fixture.PutAsync("untagged");
        var (upload, _) = await _fixture.InitiateWithPartAsync("both");
        _fixture.Clock.Advance(10 * Day);

        await _fixture.SweepAsync();

        Assert.Equal(["one", "other-value", "untagged"], await _fixture.ListKeysAsync());
        Assert.Equal([upload], await _fixture.ListUploadIdsAsync());
    }

    [Fact]
    public async Task A_size_filter_touches_no_object_outside_its_bounds()
    {
        await _fixture.SetRulesAsync(ExpireAfter(1, new LifecycleFilter { ObjectSizeGreaterThan = 10, ObjectSizeLessThan = 20 }));
        await _fixture.PutAsync("10", size: 10);
        await _fixture.PutAsync("11", size: 11);
        await _fixture.PutAsync("19", size: 19);
        await _fixture.PutAsync("20", size: 20);
        _fixture.Clock.Advance(10 * Day);

        await _fixture.SweepAsync();

        Assert.Equal(["10", "20"], await _fixture.ListKeysAsync());
    }

    [Fact]
    public async Task A_disabled_rule_does_nothing()
    {
        await _fixture.SetRulesAsync(
            ExpireAfter(1, enabled: false),
            new LifecycleRule { Id = "abort", Enabled = false, AbortIncompleteUpload = new LifecycleAbort { Days = 1 } });
        await _fixture.PutAsync("k");
        var (upload, _) = await _fixture.InitiateWithPartAsync("u");
        _fixture.Clock.Advance(10 * Day);

        await _fixture.SweepAsync();

        Assert.Equal(["k"], await _fixture.ListKeysAsync());
        Assert.Equal([upload], await _fixture.ListUploadIdsAsync());
        Assert.Equal(0, _fixture.Observer.Due);
    }

    [Fact]
    public async Task A_rule_added_after_the_fact_applies_to_objects_and_uploads_that_were_there_before()
    {
        await _fixture.PutAsync("old");
        await _fixture.InitiateWithPartAsync("u");
        _fixture.Clock.Advance(10 * Day);
        await _fixture.SweepAsync();
        Assert.Equal(["old"], await _fixture.ListKeysAsync());

        await _fixture.SetRulesAsync(ExpireAfter(5), AbortAfter(5));
        _fixture.Clock.Advance(TimeSpan.FromHours(2));
        await _fixture.SweepAsync();

        Assert.Empty(await _fixture.ListKeysAsync());
        Assert.Empty(await _fixture.ListUploadIdsAsync());
    }

    [Fact]
    public async Task An_object_written_again_between_the_scan_and_its_expiry_stays()
    {
        await _fixture.SetRulesAsync(ExpireAfter(1));
        await _fixture.PutAsync("rewritten");
        await _fixture.PutAsync("stale");
        _fixture.Clock.Advance(10 * Day);
        var rewritten = false;
        var rewriting = new WatchedLifecycleStore(_fixture.Store, async _ =>
        {
            if (!rewritten)
            {
                rewritten = true;
                await _fixture.PutAsync("rewritten", size: 7);
            }
        });

        await _fixture.SweepAsync(_fixture.NewSweeper(store: rewriting));

        Assert.Equal(["rewritten"], await _fixture.ListKeysAsync());
        var survivor = await _fixture.Store.GetObjectAsync(Bucket, "rewritten", None);
        Assert.Equal(7, survivor!.Size);
        Assert.True(_fixture.BlobExists(survivor));
    }

    [Fact]
    public async Task Rules_in_other_buckets_act_on_their_own_bucket_only()
    {
        await _fixture.Store.CreateBucketAsync(new BucketRecord("zzz-no-rules", "owner", _fixture.Clock.GetUtcNow()), None);
        await _fixture.PutAsync("k");
        await _fixture.PutAsync("k", bucket: "zzz-no-rules");
        await _fixture.SetRulesAsync(ExpireAfter(1));
        _fixture.Clock.Advance(10 * Day);

        await _fixture.SweepAsync();

        Assert.Empty(await _fixture.ListKeysAsync());
        Assert.NotNull(await _fixture.Store.GetObjectAsync("zzz-no-rules", "k", None));
    }
}
