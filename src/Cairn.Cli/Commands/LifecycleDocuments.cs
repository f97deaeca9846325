using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary>
/// Lifecycle configurations as people write them: aws cli's JSON (<c>{"Rules":[{"ID":…,"Filter":{…},…}]}</c>, whose
/// names are S3's XML element names) or S3's XML. The JSON is read as the XML it names, so one reader turns both
/// into the SDK's model; what the SDK cannot send is refused here, by name, rather than dropped silently.
/// </summary>
internal static class LifecycleDocuments
{
    /// <summary>aws cli's JSON lists and the XML element each of their items is.</summary>
    private static readonly Dictionary<string, string> ListItems = new(StringComparer.Ordinal)
    {
        ["Rules"] = "Rule",
        ["Tags"] = "Tag",
        ["Transitions"] = "Transition",
    };

    public static LifecycleConfiguration Read(string text)
    {
        var trimmed = text.TrimStart();
        var root = trimmed.StartsWith('<') ? ParseXml(trimmed) : ParseJson(trimmed);
        return new LifecycleConfiguration { Rules = Children(root, "Rule").Select(ReadRule).ToList() };
    }

    /// <summary>The configuration in aws cli's JSON shape, which <see cref="Read"/> takes back.</summary>
    public static JsonObject ToJson(LifecycleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var rules = new JsonArray();
        foreach (var rule in configuration.Rules ?? [])
        {
            rules.Add(RuleJson(rule));
        }

        return new JsonObject { ["Rules"] = rules };
    }

    private static XElement ParseXml(string text)
    {
        try
        {
            return XElement.Parse(text);
        }
        catch (XmlException e)
        {
            throw new UsageException($"The lifecycle document is not well-formed XML: {e.Message}");
        }
    }

    private static XElement ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject root
                ? ElementOf("LifecycleConfiguration", root)
                : throw new UsageException("The lifecycle document must be a JSON object with a \"Rules\" list.");
        }
        catch (JsonException e)
        {
            throw new UsageException($"The lifecycle document is neither XML nor valid JSON: {e.Message}");
        }
    }

    private static XElement ElementOf(string name, JsonNode? node) => node switch
    {
        JsonObject members => new XElement(name, members.SelectMany(member => member.Value is JsonArray items
            ? items.Select(item => ElementOf(ListItems.GetValueOrDefault(member.Key, member.Key), item))
            : [ElementOf(member.Key, member.Value)])),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => new XElement(name, value.GetValue<bool>() ? "true" : "false"),
        JsonValue value => new XElement(name, value.ToString()),
        _ => new XElement(name),
    };

    private static LifecycleRule ReadRule(XElement rule)
    {
        var read = new LifecycleRule { Filter = new LifecycleFilter() };
        foreach (var child in rule.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "ID": read.Id = child.Value; break;
                case "Status": read.Status = LifecycleRuleStatus.FindValue(child.Value); break;
                case "Prefix": read.Filter.Prefix = child.Value; break;
                case "Filter": read.Filter = ReadFilter(child); break;
                case "Expiration":
                    read.Expiration = new LifecycleRuleExpiration
                    {
                        Days = OptionalInt(child, "Days"),
                        Date = OptionalDate(child, "Date"),
                        ExpiredObjectDeleteMarker = Child(child, "ExpiredObjectDeleteMarker") is { } marker ? marker.Value == "true" : null,
                    };
                    break;
                case "AbortIncompleteMultipartUpload":
                    read.AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = OptionalInt(child, "DaysAfterInitiation") };
                    break;
                case "Transition":
                    (read.Transitions ??= []).Add(new LifecycleTransition
                    {
                        Days = OptionalInt(child, "Days"), Date = OptionalDate(child, "Date"), StorageClass = Child(child, "StorageClass")?.Value,
                    });
                    break;
                case "NoncurrentVersionExpiration":
                    read.NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration
                    {
                        NoncurrentDays = OptionalInt(child, "NoncurrentDays"), NewerNoncurrentVersions = OptionalInt(child, "NewerNoncurrentVersions"),
                    };
                    break;
                default: throw new UsageException($"'{child.Name.LocalName}' in a lifecycle rule is not something 'cairn lifecycle set' can send.");
            }
        }

        return read;
    }

    private static LifecycleFilter ReadFilter(XElement filter)
    {
        var read = new LifecycleFilter();
        ReadConditions(filter, prefix => read.Prefix = prefix, tag => read.Tag = tag, size => read.ObjectSizeGreaterThan = size, size => read.ObjectSizeLessThan = size);
        if (Child(filter, "And") is { } and)
        {
            var both = new LifecycleRuleAndOperator { Tags = [] };
            ReadConditions(and, prefix => both.Prefix = prefix, both.Tags.Add, size => both.ObjectSizeGreaterThan = size, size => both.ObjectSizeLessThan = size);
            read.And = both;
        }

        return read;
    }

    /// <summary>The conditions a Filter and its And share: Prefix, Tag (Key, Value), the two object size bounds.</summary>
    private static void ReadConditions(XElement parent, Action<string> prefix, Action<Tag> tag, Action<long> greaterThan, Action<long> lessThan)
    {
        if (Child(parent, "Prefix") is { } p)
        {
            prefix(p.Value);
        }

        foreach (var t in Children(parent, "Tag"))
        {
            tag(new Tag { Key = Child(t, "Key")?.Value, Value = Child(t, "Value")?.Value ?? string.Empty });
        }

        if (OptionalLong(parent, "ObjectSizeGreaterThan") is { } greater)
        {
            greaterThan(greater);
        }

        if (OptionalLong(parent, "ObjectSizeLessThan") is { } less)
        {
            lessThan(less);
        }
    }

    private static JsonObject RuleJson(LifecycleRule rule)
    {
        var json = new JsonObject();
        Add(json, "ID", rule.Id);
        if (rule.Filter is { } filter)
        {
            json["Filter"] = FilterJson(filter);
        }

        Add(json, "Status", rule.Status?.Value);
        if (rule.Expiration is { } expiration)
        {
            var e = new JsonObject();
            Add(e, "Days", expiration.Days);
            Add(e, "Date", expiration.Date is { } date ? Date(date) : null);
            Add(e, "ExpiredObjectDeleteMarker", expiration.ExpiredObjectDeleteMarker);
            json["Expiration"] = e;
        }

        if (rule.AbortIncompleteMultipartUpload is { } abort)
        {
            json["AbortIncompleteMultipartUpload"] = new JsonObject { ["DaysAfterInitiation"] = abort.DaysAfterInitiation };
        }

        if (rule.Transitions is { Count: > 0 } transitions)
        {
            json["Transitions"] = new JsonArray(transitions.Select(t =>
            {
                var each = new JsonObject();
                Add(each, "Days", t.Days);
                Add(each, "Date", t.Date is { } date ? Date(date) : null);
                Add(each, "StorageClass", t.StorageClass?.Value);
                return (JsonNode)each;
            }).ToArray());
        }

        if (rule.NoncurrentVersionExpiration is { } noncurrent)
        {
            var n = new JsonObject();
            Add(n, "NoncurrentDays", noncurrent.NoncurrentDays);
            Add(n, "NewerNoncurrentVersions", noncurrent.NewerNoncurrentVersions);
            json["NoncurrentVersionExpiration"] = n;
        }

        return json;
    }

    /// <summary>
    /// A filter in aws cli's shape. The SDK reads a filter into its predicate tree (<see cref="LifecycleFilterPredicate"/>)
    /// and writes one from either that or its flat properties, so both are looked at.
    /// </summary>
    private static JsonObject FilterJson(LifecycleFilter filter)
    {
        if (filter.LifecycleFilterPredicate is LifecycleAndOperator and)
        {
            return new JsonObject { ["And"] = ConditionsJson(and.Operands ?? [], tagList: true) };
        }

        if (filter.LifecycleFilterPredicate is { } predicate)
        {
            return ConditionsJson([predicate], tagList: false);
        }

        var json = ConditionsJson(filter.Prefix, filter.Tag is null ? [] : [filter.Tag], filter.ObjectSizeGreaterThan, filter.ObjectSizeLessThan, tagList: false);
        if (filter.And is { } flatAnd)
        {
            json["And"] = ConditionsJson(flatAnd.Prefix, flatAnd.Tags ?? [], flatAnd.ObjectSizeGreaterThan, flatAnd.ObjectSizeLessThan, tagList: true);
        }

        return json;
    }

    private static JsonObject ConditionsJson(IEnumerable<LifecycleFilterPredicate> predicates, bool tagList)
    {
        string? prefix = null;
        long? greaterThan = null, lessThan = null;
        var tags = new List<Tag>();
        foreach (var predicate in predicates)
        {
            switch (predicate)
            {
                case LifecyclePrefixPredicate p: prefix = p.Prefix; break;
                case LifecycleTagPredicate t: tags.Add(t.Tag); break;
                case LifecycleObjectSizeGreaterThanPredicate g: greaterThan = g.ObjectSizeGreaterThan; break;
                case LifecycleObjectSizeLessThanPredicate l: lessThan = l.ObjectSizeLessThan; break;
            }
        }

        return ConditionsJson(prefix, tags, greaterThan, lessThan, tagList);
    }

    private static JsonObject ConditionsJson(string? prefix, IEnumerable<Tag> tags, long? greaterThan, long? lessThan, bool tagList)
    {
        var json = new JsonObject();
        Add(json, "Prefix", prefix);
        var tagNodes = tags.Select(tag => (JsonNode)new JsonObject { ["Key"] = tag.Key, ["Value"] = tag.Value }).ToArray();
        if (tagList && tagNodes.Length > 0)
        {
            json["Tags"] = new JsonArray(tagNodes);
        }
        else if (tagNodes.Length > 0)
        {
            json["Tag"] = tagNodes[0];
        }

        Add(json, "ObjectSizeGreaterThan", greaterThan);
        Add(json, "ObjectSizeLessThan", lessThan);
        return json;
    }

    private static void Add<T>(JsonObject json, string name, T? value)
    {
        if (value is not null)
        {
            json[name] = JsonValue.Create(value);
        }
    }

    private static string Date(DateTime date) => date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", CultureInfo.InvariantCulture);

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements().Where(e => e.Name.LocalName == name);

    private static int? OptionalInt(XElement parent, string name) =>
        Child(parent, name) is not { } e ? null
        : int.TryParse(e.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new UsageException($"{name} must be a whole number, not '{e.Value}'.");

    private static long? OptionalLong(XElement parent, string name) =>
        Child(parent, name) is not { } e ? null
        : long.TryParse(e.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new UsageException($"{name} must be a whole number, not '{e.Value}'.");

    private static DateTime? OptionalDate(XElement parent, string name) =>
        Child(parent, name) is not { } e ? null
        : DateTime.TryParse(e.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value) ? value
        : throw new UsageException($"{name} must be a date such as 2030-01-01T00:00:00.000Z, not '{e.Value}'.");
}
