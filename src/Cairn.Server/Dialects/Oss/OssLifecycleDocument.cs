using System.Collections.Frozen;
using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Core.Lifecycle;
using Cairn.Core.Tagging;
using Cairn.Server.Xml;
using static Cairn.Server.Dialects.LifecycleXml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's LifecycleConfiguration document (PutBucketLifecycle) and the model (docs/lifecycle.md "Configuration and
/// validation"): Rule{ID, Prefix, Status, Expiration, AbortMultipartUpload, Transition*, Tag*, Filter{Not*,
/// ObjectSize*}, NoncurrentVersion*}. OSS's own refusals come first, with the EC values Alibaba publishes for them
/// (an empty Expiration, an empty AbortMultipartUpload, a rule without an action), then the rules both dialects
/// share (<see cref="LifecycleValidation"/>), then two rules covering the same prefix and tags.
/// </summary>
internal static class OssLifecycleDocument
{
    public const string Root = "LifecycleConfiguration";

    /// <summary>The transition classes OSS names.</summary>
    private static readonly FrozenSet<string> TransitionClasses =
        FrozenSet.Create(StringComparer.Ordinal, "IA", "Archive", "ColdArchive", "DeepColdArchive");

    private static readonly FrozenSet<string> RootChildren = FrozenSet.Create(StringComparer.Ordinal, "Rule");

    private static readonly FrozenSet<string> RuleChildren = FrozenSet.Create(StringComparer.Ordinal,
        "ID", "Prefix", "Status", "Expiration", "AbortMultipartUpload", "Transition", "Tag", "Filter", "NoncurrentVersionExpiration",
        "NoncurrentVersionTransition");

    private static readonly FrozenSet<string> FilterChildren = FrozenSet.Create(StringComparer.Ordinal, "Not", "ObjectSizeGreaterThan", "ObjectSizeLessThan");

    private static readonly FrozenSet<string> NotChildren = FrozenSet.Create(StringComparer.Ordinal, "Prefix", "Tag");

        private static readonly FrozenSet<string> ExpirationChildren = FrozenSet.Create(StringComparer.Ordinal, "Days", "CreatedBeforeDate", "ExpiredObjectDeleteMarker");

    private static readonly FrozenSet<string> AbortChildren = FrozenSet.Create(StringComparer.Ordinal, "Days", "CreatedBeforeDate");

    private static readonly FrozenSet<string> TransitionChildren = FrozenSet.Create(StringComparer.Ordinal, "Days", "CreatedBeforeDate", "StorageClass");

    private static readonly FrozenSet<string> NoncurrentExpirationChildren = FrozenSet.Create(StringComparer.Ordinal, "NoncurrentDays");

    private static readonly FrozenSet<string> NoncurrentTransitionChildren = FrozenSet.Create(StringComparer.Ordinal, "NoncurrentDays", "StorageClass");

    /// <summary>The checked configuration an OSS LifecycleConfiguration document holds.</summary>
    public static LifecycleConfiguration Read(XElement document)
    {
        ArgumentNullException.ThrowIfNull(document);
        OnlyChildren(document, RootChildren);
        var configuration = LifecycleValidation.Validate([.. document.Children("Rule").Select(ReadRule)]);
        RefuseRepeatedScopes(configuration);
        return configuration;
    }

    public static void Write(XmlWriter xml, LifecycleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var rule in configuration.Rules)
        {
            WriteRule(xml, rule);
        }
    }

    private static LifecycleRule ReadRule(XElement rule)
    {
        OnlyChildren(rule, RuleChildren);
        var read = new LifecycleRule
        {
            Id = rule.ChildValue("ID") ?? string.Empty,
            Enabled = Status(rule),
            Filter = ReadFilter(rule, Single(rule, "Filter")),
            Expiration = ReadExpiration(Single(rule, "Expiration")),
            AbortIncompleteUpload = ReadAbort(Single(rule, "AbortMultipartUpload")),
            Transitions = [.. rule.Children("Transition").Select(ReadTransition)],
            NoncurrentVersionExpiration = Single(rule, "NoncurrentVersionExpiration") is { } noncurrent
                ? new LifecycleNoncurrentExpiration { NoncurrentDays = RequiredInt(noncurrent, NoncurrentExpirationChildren, "NoncurrentDays") }
                : null,
            NoncurrentVersionTransitions = [.. rule.Children("NoncurrentVersionTransition").Select(ReadNoncurrentTransition)],
        };
        if (read.Expiration is null && read.AbortIncompleteUpload is null && read.Transitions.Count == 0
            && read.NoncurrentVersionExpiration is null && read.NoncurrentVersionTransitions.Count == 0)
        {
            throw Invalid("0014-00000026", "Rule must have at least one of Expiration, Transition, AbortMultipartUpload, NoncurrentVersionExpiration or NoncurrentVersionTransition.");
        }

        return read;
    }

    private static LifecycleFilter ReadFilter(XElement rule, XElement? filter)
    {
        if (filter is not null)
        {
            OnlyChildren(filter, FilterChildren);
        }

        return new LifecycleFilter
        {
            Prefix = rule.ChildValue("Prefix") ?? string.Empty,
            Tags = new TagSet(rule.Children("Tag").Select(ReadTag)),
            ObjectSizeGreaterThan = filter is null ? null : Long(filter, "ObjectSizeGreaterThan"),
            ObjectSizeLessThan = filter is null ? null : Long(filter, "ObjectSizeLessThan"),
            Not = filter is null ? [] : [.. filter.Children("Not").Select(ReadNot)],
        };
    }

    private static LifecycleExclusion ReadNot(XElement not)
    {
        OnlyChildren(not, NotChildren);
        return new LifecycleExclusion(not.ChildValue("Prefix") ?? string.Empty, Single(not, "Tag") is { } tag ? ReadTag(tag) : null);
    }


    /// <summary>
    /// Days, CreatedBeforeDate or ExpiredObjectDeleteMarker; none (or a false marker alone) is OSS's 0014-00000060.
    /// </summary>
    private static LifecycleExpiration? ReadExpiration(XElement? expiration)
    {
        if (expiration is null)
        {
            return null;
        }

        OnlyChildren(expiration, ExpirationChildren);
        var read = new LifecycleExpiration
        {
            Days = Int(expiration, "Days"),
            CreatedBefore = Date(expiration, "CreatedBeforeDate"),
            ExpiredObjectDeleteMarker = Bool(expiration, "ExpiredObjectDeleteMarker"),
        };
        var when = (read.Days is null ? 0 : 1) + (read.CreatedBefore is null ? 0 : 1);
        if (when == 0 && read.ExpiredObjectDeleteMarker is not true)
        {
            throw Invalid("0014-00000060", "Expiration must have Days, CreatedBeforeDate or ExpiredObjectDeleteMarker.");
        }

        return when + (read.ExpiredObjectDeleteMarker is null ? 0 : 1) == 1
            ? read
            : throw Invalid(null, "Expiration may have only one of Days, CreatedBeforeDate and ExpiredObjectDeleteMarker.");
    }

    /// <summary>Days or CreatedBeforeDate; neither is OSS's 0014-00000073.</summary>
    private static LifecycleAbort? ReadAbort(XElement? abort)
    {
        if (abort is null)
        {
            return null;
        }

        OnlyChildren(abort, AbortChildren);
        var read = new LifecycleAbort { Days = Int(abort, "Days"), CreatedBefore = Date(abort, "CreatedBeforeDate") };
        return (read.Days, read.CreatedBefore) switch
        {
            (null, null) => throw Invalid("0014-00000073", "AbortMultipartUpload must have Days or CreatedBeforeDate."),
            (not null, not null) => throw Invalid(null, "AbortMultipartUpload may have only one of Days and CreatedBeforeDate."),
            _ => read,
        };
    }

    private static LifecycleTransition ReadTransition(XElement transition)
    {
        OnlyChildren(transition, TransitionChildren);
        var read = new LifecycleTransition
        {
            Days = Int(transition, "Days"),
            CreatedBefore = Date(transition, "CreatedBeforeDate"),
            StorageClass = TransitionClass(transition),
        };
        return (read.Days is null) != (read.CreatedBefore is null)
            ? read
            : throw Invalid(null, "Transition must have one of Days and CreatedBeforeDate.");
    }

    private static LifecycleNoncurrentTransition ReadNoncurrentTransition(XElement transition) => new()
    {
        NoncurrentDays = RequiredInt(transition, NoncurrentTransitionChildren, "NoncurrentDays"),
        StorageClass = TransitionClass(transition),
    };

    private static int RequiredInt(XElement element, IReadOnlySet<string> allowed, string name)
    {
        OnlyChildren(element, allowed);
        return Int(element, name) ?? throw Invalid(null, $"{element.Name.LocalName} must have {name}.");
    }

    private static string TransitionClass(XElement transition) =>
        transition.ChildValue("StorageClass") is { } name && TransitionClasses.Contains(name)
            ? name
            : throw Invalid(null, "StorageClass must be IA, Archive, ColdArchive or DeepColdArchive.");

    /// <summary>OSS refuses two rules that cover the same prefix with the same tags and exclusions.</summary>
    private static void RefuseRepeatedScopes(LifecycleConfiguration configuration)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in configuration.Rules)
        {
            var filter = rule.Filter;
            var scope = string.Join('\n', [filter.Prefix, .. filter.Tags.Select(t => t.Key + "=" + t.Value),
                .. filter.Not.Select(n => "!" + n.Prefix + "\u0001" + n.Tag), filter.ObjectSizeGreaterThan?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                filter.ObjectSizeLessThan?.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!seen.TryAdd(scope, rule.Id))
            {
                throw Invalid(null, $"Rules {seen[scope]} and {rule.Id} cover the same prefix '{filter.Prefix}' and tags.");
            }
        }
    }

    private static void WriteRule(XmlWriter xml, LifecycleRule rule)
    {
        xml.Start("Rule");
        xml.Element("ID", rule.Id);
        xml.Text("Prefix", rule.Filter.Prefix);
        xml.Element("Status", rule.Enabled ? "Enabled" : "Disabled");
        if (rule.Expiration is { } expiration)
        {
            xml.Start("Expiration");
            xml.OptionalNumber("Days", expiration.Days);
            xml.OptionalDate("CreatedBeforeDate", expiration.CreatedBefore ?? expiration.Date);
            if (expiration.ExpiredObjectDeleteMarker is { } marker)
            {
                xml.Element("ExpiredObjectDeleteMarker", marker);
            }

            xml.WriteEndElement();
        }

        foreach (var transition in rule.Transitions)
        {
            xml.Start("Transition");
            xml.OptionalNumber("Days", transition.Days);
            xml.OptionalDate("CreatedBeforeDate", transition.CreatedBefore ?? transition.Date);
            xml.Element("StorageClass", transition.StorageClass);
            xml.WriteEndElement();
        }

        if (rule.AbortIncompleteUpload is { } abort)
        {
            xml.Start("AbortMultipartUpload");
            xml.OptionalNumber("Days", abort.Days);
            xml.OptionalDate("CreatedBeforeDate", abort.CreatedBefore);
            xml.WriteEndElement();
        }

        foreach (var tag in rule.Filter.Tags)
        {
            xml.Tag(tag);
        }

        WriteFilter(xml, rule.Filter);
        if (rule.NoncurrentVersionExpiration is { NoncurrentDays: { } noncurrentDays })
        {
            xml.Start("NoncurrentVersionExpiration");
            xml.Element("NoncurrentDays", noncurrentDays);
            xml.WriteEndElement();
        }

        foreach (var transition in rule.NoncurrentVersionTransitions)
        {
            xml.Start("NoncurrentVersionTransition");
            xml.OptionalNumber("NoncurrentDays", transition.NoncurrentDays);
            xml.Element("StorageClass", transition.StorageClass);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteFilter(XmlWriter xml, LifecycleFilter filter)
    {
        if (filter.Not.Count == 0 && filter.ObjectSizeGreaterThan is null && filter.ObjectSizeLessThan is null)
        {
            return;
        }

        xml.Start("Filter");
        foreach (var not in filter.Not)
        {
            xml.Start("Not");
            xml.Text("Prefix", not.Prefix);
            if (not.Tag is { } tag)
            {
                xml.Tag(tag);
            }

            xml.WriteEndElement();
        }

        xml.OptionalNumber("ObjectSizeGreaterThan", filter.ObjectSizeGreaterThan);
        xml.OptionalNumber("ObjectSizeLessThan", filter.ObjectSizeLessThan);
        xml.WriteEndElement();
    }

    /// <summary>InvalidArgument, with the EC OSS publishes for the fault when it names one.</summary>
    private static CairnException Invalid(string? ec, string message) => new(ErrorCode.InvalidArgument, message)
    {
        Extra = ec is null ? null : new Dictionary<string, string> { [OssErrorCatalogue.EcExtra] = ec },
    };
}
