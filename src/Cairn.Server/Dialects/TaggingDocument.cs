using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Core.Tagging;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects;

/// <summary>
/// The Tagging document both dialects use for objects and buckets, and S3's POST form carries in its tagging field:
/// <c>&lt;Tagging&gt;&lt;TagSet&gt;&lt;Tag&gt;&lt;Key/&gt;&lt;Value/&gt;&lt;/Tag&gt;…&lt;/TagSet&gt;&lt;/Tagging&gt;</c>. Only
/// the shape is checked here (one TagSet, each Tag one Key and one Value, nothing else): a breach is MalformedXML.
/// What the tags may hold is <see cref="TagRules"/>'s.
/// </summary>
internal static class TaggingDocument
{
    public const string Root = "Tagging";

    /// <summary>S3 and OSS tag documents are small: 50 bucket tags of the longest keys and values fit well within this.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The tags of a Tagging element, in document order.</summary>
    public static TagSet Read(XElement document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sets = document.Elements().ToList();
        if (sets.Count != 1 || sets[0].Name != document.Name.Namespace + "TagSet")
        {
            throw Malformed("Tagging must hold exactly one TagSet.");
        }

        return new TagSet(sets[0].Elements().Select(ReadTag).ToList());
    }

    /// <summary>The Tagging document's content (its TagSet) for <paramref name="tags"/>.</summary>
    public static void Write(XmlWriter xml, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(tags);
        xml.Start("TagSet");
        foreach (var tag in tags)
        {
            xml.Start("Tag");
            xml.Element("Key", tag.Key);
            xml.Element("Value", tag.Value);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static Tag ReadTag(XElement tag)
    {
        var ns = tag.Parent!.Name.Namespace;
        if (tag.Name != ns + "Tag")
        {
            throw Malformed($"TagSet holds {tag.Name.LocalName}, not Tag.");
        }

        var key = tag.ChildValue("Key");
        var value = tag.ChildValue("Value");
        if (key is null || value is null || tag.Elements().Any(e => e.Name != ns + "Key" && e.Name != ns + "Value"))
        {
            throw Malformed("each Tag holds one Key and one Value.");
        }

        return new Tag(key, value);
    }

    private static CairnException Malformed(string what) =>
        new(ErrorCode.MalformedXML, "The XML you provided was not well-formed or did not validate against our published schema: " + what);
}
