using System.Collections.Frozen;
using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Core.Lifecycle;
using Cairn.Core.Tagging;
using Cairn.Server.Xml;
using static Cairn.Server.Dialects.LifecycleXml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// S3's LifecycleConfiguration document and the model (docs/lifecycle.md "Configuration and validation"): each Rule
/// read element by element (an unknown element or a broken shape is MalformedXML), S3's own rules about its two
/// forms checked (a configuration whose first rule has a Filter is "Lifecycle V2", where a Prefix directly under a
/// Rule is refused, and the other way round), then <see cref="LifecycleValidation"/>. Written back in the form each
/// rule was given: a legacy Prefix stays one, a Filter of several conditions is an And.
/// </summary>
internal static class S3LifecycleDocument
{
    public const string Root = "LifecycleConfiguration";

    /// <summary>The transition classes S3's schema names; any other value does not validate.</summary>
    private static readonly FrozenSet<string> TransitionClasses =
        FrozenSet.Create(StringComparer.Ordinal, "GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR");

    private static readonly FrozenSet<string> RootChildren = FrozenSet.Create(StringComparer.Ordinal, "Rule");

    private static readonly FrozenSet<string> RuleChildren = FrozenSet.Create(StringComparer.Ordinal,
        "ID", "Filter", "Prefix", "Status", "Expiration", "Transition", "NoncurrentVersionTransition", "NoncurrentVersionExpiration",
        "AbortIncompleteMultipartUpload");

    private static readonly FrozenSet<string> FilterChildren = FrozenSet.Create(StringComparer.Ordinal,
        "Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And");

    private static readonly FrozenSet<string> AndChildren = FrozenSet.Create(StringComparer.Ordinal,
        "Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan");

        private static readonly FrozenSet<string> ExpirationChildren = FrozenSet.Create(StringComparer.Ordinal, "Days", "Date", "ExpiredObjectDeleteMarker");

    private static readonly FrozenSet<string> TransitionChildren = FrozenSet.Create(StringComparer.Ordinal, "Days", "Date", "StorageClass");

    private static readonly FrozenSet<string> NoncurrentExpirationChildren = FrozenSet.Create(StringComparer.Ordinal, "NoncurrentDays", "NewerNoncurrentVersions");

    private static readonly FrozenSet<string> NoncurrentTransitionChildren = FrozenSet.Create(StringComparer.Ordinal,
        "NoncurrentDays", "NewerNoncurrentVersions", "StorageClass");

    private static readonly FrozenSet<string> AbortChildren = FrozenSet.Create(StringComparer.Ordinal, "DaysAfterInitiation");

    /// <summary>The checked configuration a LifecycleConfiguration document holds.</summary>
    public static LifecycleConfiguration Read(XElement document)
    {
        ArgumentNullException.ThrowIfNull(document);
        OnlyChildren(document, RootChildren);
        var elements = document.Children("Rule").ToList();
        var v2 = elements.Count > 0 && elements[0].Children("Filter").Any();
        return LifecycleValidation.Validate([.. elements.Select(rule => ReadRule(rule, v2))]);
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

    private static LifecycleRule ReadRule(XElement rule, bool v2)
    {
        OnlyChildren(rule, RuleChildren);
        var filter = Single(rule, "Filter");
        var prefix = rule.ChildValue("Prefix");
        if (filter is null && prefix is null)
        {
            throw Malformed("A Rule must have a Filter or a Prefix.");
        }

        if (v2 && prefix is not null)
        {
            throw new CairnException(ErrorCode.InvalidRequest, "Base level prefix cannot be used in Lifecycle V2, prefixes are only supported in the Filter.");
        }

        if (!v2 && filter is not null)
        {
            throw new CairnException(ErrorCode.InvalidRequest, "Filter element can only be used in Lifecycle V2.");
        }

        var noncurrentExpiration = ReadNoncurrentExpiration(Single(rule, "NoncurrentVersionExpiration"));
        var noncurrentTransitions = rule.Children("NoncurrentVersionTransition").Select(ReadNoncurrentTransition).ToList();
        if (!v2 && (noncurrentExpiration?.NewerNoncurrentVersions is not null || noncurrentTransitions.Any(t => t.NewerNoncurrentVersions is not null)))
        {
            throw new CairnException(ErrorCode.InvalidRequest, "NewerNoncurrentVersions element can only be used in Lifecycle V2.");
        }

        return new LifecycleRule
        {
            Id = rule.ChildValue("ID") ?? string.Empty,
            Enabled = Status(rule),
            Filter = filter is null ? new LifecycleFilter { Prefix = prefix!, Form = LifecycleFilterForm.LegacyPrefix } : ReadFilter(filter),
            Expiration = ReadExpiration(Single(rule, "Expiration")),
            AbortIncompleteUpload = ReadAbort(Single(rule, "AbortIncompleteMultipartUpload")),
            Transitions = [.. rule.Children("Transition").Select(ReadTransition)],
            NoncurrentVersionExpiration = noncurrentExpiration,
            NoncurrentVersionTransitions = noncurrentTransitions,
        };
    }

    /// <summary>Filter holds one condition at most (S3's schema makes it a choice); several are written in an And.</summary>
    private static LifecycleFilter ReadFilter(XElement filter)
    {
        OnlyChildren(filter, FilterChildren);
        if (filter.Elements().Count() > 1)
        {
            throw Malformed("A Filter holds one of Prefix, Tag, ObjectSizeGreaterThan, ObjectSizeLessThan or And; several conditions go in an And.");
        }

        var conditions = filter.Children("And").FirstOrDefault() is { } and ? ReadAnd(and) : filter;
        return new LifecycleFilter
        {
            Prefix = conditions.ChildValue("Prefix") ?? string.Empty,
            Tags = new TagSet(conditions.Children("Tag").Select(ReadTag)),
            ObjectSizeGreaterThan = Long(conditions, "ObjectSizeGreaterThan"),
            ObjectSizeLessThan = Long(conditions, "ObjectSizeLessThan"),
        };
    }

    private static XElement ReadAnd(XElement and)
    {
        OnlyChildren(and, AndChildren);
        return and;
    }


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
            Date = Date(expiration, "Date"),
            ExpiredObjectDeleteMarker = Bool(expiration, "ExpiredObjectDeleteMarker"),
        };
        var given = (read.Days is null ? 0 : 1) + (read.Date is null ? 0 : 1) + (read.ExpiredObjectDeleteMarker is null ? 0 : 1);
        return given == 1 ? read : throw Malformed("An Expiration holds exactly one of Days, Date and ExpiredObjectDeleteMarker.");
    }

    private static LifecycleAbort? ReadAbort(XElement? abort)
    {
        if (abort is null)
        {
            return null;
        }

        OnlyChildren(abort, AbortChildren);
        return new LifecycleAbort
        {
            Days = Int(abort, "DaysAfterInitiation") ?? throw Malformed("An AbortIncompleteMultipartUpload must have DaysAfterInitiation."),
        };
    }

    private static LifecycleTransition ReadTransition(XElement transition)
    {
        OnlyChildren(transition, TransitionChildren);
        var read = new LifecycleTransition
        {
            Days = Int(transition, "Days"),
            Date = Date(transition, "Date"),
            StorageClass = TransitionClass(transition),
        };
        return (read.Days is null) != (read.Date is null) ? read : throw Malformed("A Transition holds exactly one of Days and Date.");
    }

    private static LifecycleNoncurrentExpiration? ReadNoncurrentExpiration(XElement? noncurrent)
    {
        if (noncurrent is null)
        {
            return null;
        }

        OnlyChildren(noncurrent, NoncurrentExpirationChildren);
        return new LifecycleNoncurrentExpiration
        {
            NoncurrentDays = Int(noncurrent, "NoncurrentDays") ?? throw Malformed("A NoncurrentVersionExpiration must have NoncurrentDays."),
            NewerNoncurrentVersions = Int(noncurrent, "NewerNoncurrentVersions"),
        };
    }

    private static LifecycleNoncurrentTransition ReadNoncurrentTransition(XElement transition)
    {
        OnlyChildren(transition, NoncurrentTransitionChildren);
        return new LifecycleNoncurrentTransition
        {
            NoncurrentDays = Int(transition, "NoncurrentDays") ?? throw Malformed("A NoncurrentVersionTransition must have NoncurrentDays."),
            NewerNoncurrentVersions = Int(transition, "NewerNoncurrentVersions"),
            StorageClass = TransitionClass(transition),
        };
    }

    private static string TransitionClass(XElement transition) =>
        transition.ChildValue("StorageClass") is { } name && TransitionClasses.Contains(name)
            ? name
            : throw Malformed("StorageClass must name a class a transition can go to.");

    private static void WriteRule(XmlWriter xml, LifecycleRule rule)
    {
        xml.Start("Rule");
        xml.Element("ID", rule.Id);
        if (rule.Filter.Form == LifecycleFilterForm.LegacyPrefix)
        {
            xml.Text("Prefix", rule.Filter.Prefix);
        }
        else
        {
            WriteFilter(xml, rule.Filter);
        }

        xml.Element("Status", rule.Enabled ? "Enabled" : "Disabled");
        foreach (var transition in rule.Transitions)
        {
            xml.Start("Transition");
            xml.OptionalDate("Date", transition.Date ?? transition.CreatedBefore);
            xml.OptionalNumber("Days", transition.Days);
            xml.Element("StorageClass", transition.StorageClass);
            xml.WriteEndElement();
        }

        if (rule.Expiration is { } expiration)
        {
            xml.Start("Expiration");
            xml.OptionalDate("Date", expiration.Date ?? expiration.CreatedBefore);
            xml.OptionalNumber("Days", expiration.Days);
            if (expiration.ExpiredObjectDeleteMarker is { } marker)
            {
                xml.Element("ExpiredObjectDeleteMarker", marker);
            }

            xml.WriteEndElement();
        }

        foreach (var transition in rule.NoncurrentVersionTransitions)
        {
            xml.Start("NoncurrentVersionTransition");
            xml.OptionalNumber("NoncurrentDays", transition.NoncurrentDays);
            xml.Element("StorageClass", transition.StorageClass);
            xml.OptionalNumber("NewerNoncurrentVersions", transition.NewerNoncurrentVersions);
            xml.WriteEndElement();
        }

        if (rule.NoncurrentVersionExpiration is { } noncurrent)
        {
            xml.Start("NoncurrentVersionExpiration");
            xml.OptionalNumber("NoncurrentDays", noncurrent.NoncurrentDays);
            xml.OptionalNumber("NewerNoncurrentVersions", noncurrent.NewerNoncurrentVersions);
            xml.WriteEndElement();
        }

        if (rule.AbortIncompleteUpload is { Days: { } days })
        {
            xml.Start("AbortIncompleteMultipartUpload");
            xml.Element("DaysAfterInitiation", days);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>One condition on its own, several in an And; a filter with none names the empty prefix.</summary>
    private static void WriteFilter(XmlWriter xml, LifecycleFilter filter)
    {
        var conditions = (filter.Prefix.Length > 0 ? 1 : 0) + filter.Tags.Count
            + (filter.ObjectSizeGreaterThan is null ? 0 : 1) + (filter.ObjectSizeLessThan is null ? 0 : 1);
        xml.Start("Filter");
        if (conditions > 1)
        {
            xml.Start("And");
        }

        if (filter.Prefix.Length > 0 || conditions == 0)
        {
            xml.Text("Prefix", filter.Prefix);
        }

        foreach (var tag in filter.Tags)
        {
            xml.Tag(tag);
        }

        xml.OptionalNumber("ObjectSizeGreaterThan", filter.ObjectSizeGreaterThan);
        xml.OptionalNumber("ObjectSizeLessThan", filter.ObjectSizeLessThan);
        if (conditions > 1)
        {
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
