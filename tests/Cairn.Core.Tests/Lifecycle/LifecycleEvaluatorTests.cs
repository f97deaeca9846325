using Cairn.Core.Lifecycle;
using Cairn.Core.Tagging;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>Which rule expires an object or aborts an upload, and when: the deadline both the headers and the sweeper use.</summary>
public sealed class LifecycleEvaluatorTests
{
    private static readonly DateTimeOffset Modified = new(2025, 5, 10, 13, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MidnightAfter = new(2025, 5, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_object_under_a_days_rule_expires_that_many_days_on_at_midnight()
    {
        var config = Config(ExpireRule("logs", days: 30, prefix: "logs/"));

        var deadline = Expiry(config, "logs/a.txt");

        Assert.Equal(new LifecycleDeadline(MidnightAfter.AddDays(30), "logs"), deadline);
    }

    [Fact]
    public void An_object_outside_the_prefix_has_no_deadline()
    {
        Assert.Null(Expiry(Config(ExpireRule("logs", days: 30, prefix: "logs/")), "data/a.txt"));
    }

    [Fact]
    public void A_disabled_rule_gives_no_deadline()
    {
        Assert.Null(Expiry(Config(ExpireRule("off", days: 1) with { Enabled = false }), "a"));
    }

    [Fact]
    public void The_earliest_of_several_covering_rules_wins()
    {
        var config = Config(ExpireRule("late", days: 90), ExpireRule("early", days: 7, prefix: "tmp/"), ExpireRule("mid", days: 30));

        Assert.Equal("early", Expiry(config, "tmp/x")?.RuleId);
        Assert.Equal("mid", Expiry(config, "keep/x")?.RuleId);
    }

    [Fact]
    public void A_date_rule_expires_every_covered_object_on_that_date_whatever_its_age()
    {
        var date = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var config = Config(new LifecycleRule { Id = "d", Enabled = true, Expiration = new LifecycleExpiration { Date = date } });

        Assert.Equal(date, Expiry(config, "new-object")?.At);
    }

    [Fact]
    public void A_created_before_rule_expires_only_objects_modified_before_its_date()
    {
        var rule = new LifecycleRule
        {
            Id = "old",
            Enabled = true,
            Expiration = new LifecycleExpiration { CreatedBefore = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero) },
        };

        Assert.Equal(MidnightAfter, Expiry(Config(rule), "a")?.At);
        Assert.Null(LifecycleEvaluator.ObjectExpiry(Config(rule), LifecycleCalendar.Standard, "a", 1, TagSet.Empty, Modified.AddMonths(1)));
    }

    [Fact]
    public void Tag_and_size_filters_must_all_hold()
    {
        var rule = ExpireRule("t", days: 1) with
        {
            Filter = new LifecycleFilter
            {
                Tags = new TagSet([new Tag("class", "temp"), new Tag("team", "a")]),
                ObjectSizeGreaterThan = 100,
                ObjectSizeLessThan = 1000,
            },
        };
        var both = new TagSet([new Tag("team", "a"), new Tag("class", "temp"), new Tag("other", "x")]);
        var one = new TagSet([new Tag("class", "temp")]);
        var wrongValue = new TagSet([new Tag("class", "temp"), new Tag("team", "b")]);

        Assert.NotNull(Expiry(Config(rule), "k", size: 500, tags: both));
        Assert.Null(Expiry(Config(rule), "k", size: 500, tags: one));
        Assert.Null(Expiry(Config(rule), "k", size: 500, tags: wrongValue));
        Assert.Null(Expiry(Config(rule), "k", size: 100, tags: both));
        Assert.Null(Expiry(Config(rule), "k", size: 1000, tags: both));
    }

    [Fact]
    public void An_exclusion_keeps_objects_under_its_prefix_and_tag()
    {
        var rule = ExpireRule("n", days: 1) with
        {
            Filter = new LifecycleFilter { Not = [new LifecycleExclusion("keep/", new Tag("hold", "yes"))] },
        };
        var held = new TagSet([new Tag("hold", "yes")]);

        Assert.Null(Expiry(Config(rule), "keep/a", tags: held));
        Assert.NotNull(Expiry(Config(rule), "keep/a"));
        Assert.NotNull(Expiry(Config(rule), "other/a", tags: held));
    }

    [Fact]
    public void An_upload_is_aborted_days_after_its_initiation_at_midnight()
    {
        var config = Config(new LifecycleRule
        {
            Id = "abort",
            Enabled = true,
            Filter = new LifecycleFilter { Prefix = "uploads/" },
            AbortIncompleteUpload = new LifecycleAbort { Days = 7 },
        });

        Assert.Equal(new LifecycleDeadline(MidnightAfter.AddDays(7), "abort"),
            LifecycleEvaluator.UploadAbort(config, LifecycleCalendar.Standard, "uploads/big.iso", Modified));
        Assert.Null(LifecycleEvaluator.UploadAbort(config, LifecycleCalendar.Standard, "other/big.iso", Modified));
    }

    [Fact]
    public void An_expiration_rule_does_not_abort_uploads_nor_an_abort_rule_expire_objects()
    {
        var expire = Config(ExpireRule("e", days: 1));
        var abort = Config(new LifecycleRule { Id = "a", Enabled = true, AbortIncompleteUpload = new LifecycleAbort { Days = 1 } });

        Assert.Null(LifecycleEvaluator.UploadAbort(expire, LifecycleCalendar.Standard, "k", Modified));
        Assert.Null(Expiry(abort, "k"));
    }

    [Fact]
    public void A_rule_filtering_on_tags_or_size_never_covers_an_upload()
    {
        var config = Config(new LifecycleRule
        {
            Id = "a",
            Enabled = true,
            Filter = new LifecycleFilter { ObjectSizeGreaterThan = 0 },
            AbortIncompleteUpload = new LifecycleAbort { Days = 1 },
        });

        Assert.Null(LifecycleEvaluator.UploadAbort(config, LifecycleCalendar.Standard, "k", Modified));
    }

    [Fact]
    public void No_configuration_means_no_deadline()
    {
        Assert.Null(Expiry(null, "k"));
        Assert.Null(LifecycleEvaluator.UploadAbort(null, LifecycleCalendar.Standard, "k", Modified));
    }

    private static LifecycleDeadline? Expiry(LifecycleConfiguration? config, string key, long size = 10, TagSet? tags = null) =>
        LifecycleEvaluator.ObjectExpiry(config, LifecycleCalendar.Standard, key, size, tags ?? TagSet.Empty, Modified);

    private static LifecycleConfiguration Config(params LifecycleRule[] rules) => new(rules);

    private static LifecycleRule ExpireRule(string id, int days, string prefix = "") => new()
    {
        Id = id,
        Enabled = true,
        Filter = new LifecycleFilter { Prefix = prefix },
        Expiration = new LifecycleExpiration { Days = days },
    };
}
