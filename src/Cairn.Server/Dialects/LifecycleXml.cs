using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Core.Tagging;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects;

/// <summary>
/// Reading and writing the pieces both dialects' lifecycle documents share: each element holds only the children its
/// schema names (anything else is MalformedXML, as S3 refuses an unknown element), numbers and dates in their one
/// spelling, and the date format lifecycle documents are answered with.
/// </summary>
internal static class LifecycleXml
{
    /// <summary>How a lifecycle date is answered: ISO 8601 in UTC with milliseconds, as OSS requires and S3 accepts.</summary>
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>MalformedXML when <paramref name="element"/> has a child its schema does not name.</summary>
    public static void OnlyChildren(XElement element, IReadOnlySet<string> allowed)
    {
        foreach (var child in element.Elements())
        {
            if (!allowed.Contains(child.Name.LocalName))
            {
                throw Malformed($"{element.Name.LocalName} may not contain {child.Name.LocalName}.");
            }
        }
    }

    /// <summary>The one child called <paramref name="name"/>, or null; MalformedXML when repeated.</summary>
    public static XElement? Single(XElement element, string name)
    {
        XElement? found = null;
        foreach (var child in element.Children(name))
        {
            if (found is not null)
            {
                throw Malformed($"{element.Name.LocalName} has more than one {name}.");
            }

            found = child;
        }

        return found;
    }

    public static int? Int(XElement element, string name) =>
        element.ChildValue(name) is { } text
            ? int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Malformed($"{name} must be a whole number.")
            : null;

    public static long? Long(XElement element, string name) =>
        element.ChildValue(name) is { } text
            ? long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Malformed($"{name} must be a whole number.")
            : null;

    public static bool? Bool(XElement element, string name) =>
        element.ChildValue(name)?.Trim() switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw Malformed($"{name} must be true or false."),
        };

    /// <summary>An ISO 8601 date; one without an offset is UTC.</summary>
    public static DateTimeOffset? Date(XElement element, string name) =>
        element.ChildValue(name) is { } text
            ? DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
                ? value
                : throw Malformed($"{name} must be a date in ISO 8601 format.")
            : null;

    /// <summary>Enabled or Disabled, exactly (S3's schema names these two values).</summary>
    public static bool Status(XElement rule) => rule.ChildValue("Status") switch
    {
        "Enabled" => true,
        "Disabled" => false,
        null => throw Malformed("A Rule must have a Status."),
        _ => throw Malformed("Status must be Enabled or Disabled."),
    };

    /// <summary>The element when <paramref name="value"/> is given.</summary>
    public static void OptionalNumber(this XmlWriter xml, string name, long? value)
    {
        if (value is { } number)
        {
            xml.Element(name, number);
        }
    }

    /// <summary>The element, in <see cref="DateFormat"/>, when <paramref name="value"/> is given.</summary>
    public static void OptionalDate(this XmlWriter xml, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            xml.Element(name, Format(date));
        }
    }

    /// <summary>The element even when <paramref name="text"/> is empty (an empty Prefix is a prefix).</summary>
    public static void Text(this XmlWriter xml, string name, string text)
    {
        xml.WriteStartElement(name);
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static readonly IReadOnlySet<string> TagChildren = new HashSet<string>(StringComparer.Ordinal) { "Key", "Value" };

    /// <summary>A Tag element (Key and Value, spelled alike in both dialects).</summary>
    public static Tag ReadTag(XElement tag)
    {
        OnlyChildren(tag, TagChildren);
        return new Tag(tag.ChildValue("Key") ?? throw Malformed("A Tag must have a Key."), tag.ChildValue("Value") ?? string.Empty);
    }

    /// <summary>A Tag element, spelled alike in both dialects.</summary>
    public static void Tag(this XmlWriter xml, Tag tag)
    {
        xml.Start("Tag");
        xml.Element("Key", tag.Key);
        xml.Element("Value", tag.Value);
        xml.WriteEndElement();
    }

    public static string Format(DateTimeOffset date) => date.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static CairnException Malformed(string why) =>
        new(ErrorCode.MalformedXML, "The XML you provided was not well-formed or did not validate against our published schema: " + why);
}
