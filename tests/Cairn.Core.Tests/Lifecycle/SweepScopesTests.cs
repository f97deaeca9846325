using Cairn.Core.Lifecycle;
using Cairn.Core.Tagging;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>A sweep walks the fewest prefixes that hold what the enabled rules cover, and nothing for rules that cannot act.</summary>
public sealed class SweepScopesTests
{
    [Fact]
    public void Objects_are_walked_under_the_outermost_prefixes_of_the_enabled_expiration_rules()
    {
        var rules = Configuration(
            Expire("logs/2025/"), Expire("logs/"), Expire("data/"), Expire("logs/x"), Expire("tmp/", enabled: false), Abort("uploads/"));

        Assert.Equal(["data/", "logs/"], SweepScopes.Objects(rules));
    }

    [Fact]
    public void An_empty_prefix_is_the_whole_bucket()
    {
        Assert.Equal([string.Empty], SweepScopes.Objects(Configuration(Expire("logs/"), Expire(string.Empty))));
    }

    [Fact]
    public void Uploads_are_walked_only_under_enabled_abort_rules_that_filter_on_keys_alone()
    {
        var tagged = Abort("tagged/") with { Filter = new LifecycleFilter { Prefix = "tagged/", Tags = new TagSet([new Tag("k", "v")]) } };
        var rules = Configuration(Abort("a/"), Abort("b/", enabled: false), tagged, Expire("c/"));

        Assert.Equal(["a/"], SweepScopes.Uploads(rules));
    }

    [Fact]
    public void A_walk_goes_on_from_the_first_prefix_not_before_the_stored_one()
    {
        IReadOnlyList<string> scopes = ["a/", "c/"];

        Assert.Equal("a/", SweepScopes.From(scopes, string.Empty));
        Assert.Equal("c/", SweepScopes.From(scopes, "b/"));
        Assert.Equal("c/", SweepScopes.After(scopes, "a/"));
        Assert.Null(SweepScopes.After(scopes, "c/"));
    }

    private static LifecycleConfiguration Configuration(params LifecycleRule[] rules) => new(rules);

    private static LifecycleRule Expire(string prefix, bool enabled = true) => new()
    {
        Id = "expire " + prefix,
        Enabled = enabled,
        Filter = new LifecycleFilter { Prefix = prefix },
        Expiration = new LifecycleExpiration { Days = 1 },
    };

    private static LifecycleRule Abort(string prefix, bool enabled = true) => new()
    {
        Id = "abort " + prefix,
        Enabled = enabled,
        Filter = new LifecycleFilter { Prefix = prefix },
        AbortIncompleteUpload = new LifecycleAbort { Days = 1 },
    };
}
