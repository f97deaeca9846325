using Cairn.Core.Lifecycle;
using Cairn.Core.Tagging;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>A configuration reads back from its stored form exactly as it was written.</summary>
public sealed class LifecycleJsonTests
{
    [Fact]
    public void Every_element_survives_the_stored_form()
    {
        var date = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rule = new LifecycleRule
        {
            Id = "all \"quoted\" ünïcode",
            Enabled = false,
            Filter = new LifecycleFilter
            {
                Prefix = "logs/",
                Tags = new TagSet([new Tag("a", "1"), new Tag("b", "")]),
                ObjectSizeGreaterThan = 10,
                ObjectSizeLessThan = 1L << 40,
                Not = [new LifecycleExclusion("logs/keep/", new Tag("hold", "yes")), new LifecycleExclusion("logs/x/", null)],
            },
            Expiration = new LifecycleExpiration { Date = date, ExpiredObjectDeleteMarker = false },
            AbortIncompleteUpload = new LifecycleAbort { Days = 3 },
            Transitions = [new LifecycleTransition { Days = 30, StorageClass = "GLACIER" }, new LifecycleTransition { CreatedBefore = date, StorageClass = "IA" }],
            NoncurrentVersionExpiration = new LifecycleNoncurrentExpiration { NoncurrentDays = 5, NewerNoncurrentVersions = 2 },
            NoncurrentVersionTransitions = [new LifecycleNoncurrentTransition { NoncurrentDays = 1, StorageClass = "STANDARD_IA" }],
        };
        var legacy = new LifecycleRule
        {
            Id = "legacy",
            Enabled = true,
            Filter = new LifecycleFilter { Prefix = "", Form = LifecycleFilterForm.LegacyPrefix },
            Expiration = new LifecycleExpiration { Days = 1 },
        };

        var read = LifecycleJson.Read(LifecycleJson.Write(new LifecycleConfiguration([rule, legacy])));

        Assert.Equal(2, read.Rules.Count);
        AssertSame(rule, read.Rules[0]);
        AssertSame(legacy, read.Rules[1]);
    }

    private static void AssertSame(LifecycleRule expected, LifecycleRule actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Enabled, actual.Enabled);
        Assert.Equal(expected.Filter.Prefix, actual.Filter.Prefix);
        Assert.Equal(expected.Filter.Tags, actual.Filter.Tags);
        Assert.Equal(expected.Filter.ObjectSizeGreaterThan, actual.Filter.ObjectSizeGreaterThan);
        Assert.Equal(expected.Filter.ObjectSizeLessThan, actual.Filter.ObjectSizeLessThan);
        Assert.Equal(expected.Filter.Not, actual.Filter.Not);
        Assert.Equal(expected.Filter.Form, actual.Filter.Form);
        Assert.Equal(expected.Expiration, actual.Expiration);
        Assert.Equal(expected.AbortIncompleteUpload, actual.AbortIncompleteUpload);
        Assert.Equal(expected.Transitions, actual.Transitions);
        Assert.Equal(expected.NoncurrentVersionExpiration, actual.NoncurrentVersionExpiration);
        Assert.Equal(expected.NoncurrentVersionTransitions, actual.NoncurrentVersionTransitions);
    }
}
