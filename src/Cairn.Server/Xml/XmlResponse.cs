using System.Text;
using System.Xml;
using Cairn.Core.Checksums;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Xml;

/// <summary>
/// The one XML writer of every response document: S3 success documents (root in the 2006-03-01 namespace,
/// docs/s3-compatibility.md) and error documents alike. Documents are small and bounded (a list page holds at
/// most 1,000 entries), so they are built in memory and sent with a Content-Length.
/// <para>
/// It never emits what XML 1.0 cannot carry and never throws on text: CR is written as <c>&amp;#xD;</c> (so a key
/// with CR or CRLF reads back exactly), and a character XML 1.0 cannot represent at all becomes U+FFFD. Values a
/// client must be able to use again (keys and prefixes in listings) are checked before writing
/// (<see cref="Http.KeyEncoding"/>), so the substitution only ever touches diagnostic text.
/// </para>
/// </summary>
internal static class XmlResponse
{
    public const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        CheckCharacters = false,
    };

    public static async Task WriteAsync(HttpResponse response, string root, Action<XmlWriter> body, CancellationToken cancellationToken)
    {
        using var buffer = Render(root, S3Namespace, body);
        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    /// <summary>A whole document (declaration, root in <paramref name="ns"/>, the body's content) as UTF-8.</summary>
    public static MemoryStream Render(string root, string ns, Action<XmlWriter> body)
    {
        var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root, ns);
            body(xml);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer;
    }

    /// <summary>An element in the document's default namespace with the value as text; nothing for null.</summary>
    public static void Element(this XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, Carriable(value)); // in the default namespace of the document
        }
    }

    public static void Element(this XmlWriter xml, string name, long value) =>
        xml.Element(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static void Element(this XmlWriter xml, string name, bool value) => xml.Element(name, value ? "true" : "false");

    public static void Start(this XmlWriter xml, string name) => xml.WriteStartElement(name);

    /// <summary>One <c>Checksum&lt;ALGORITHM&gt;</c> element per stored checksum (objects, parts, copies alike).</summary>
    public static void Checksums(this XmlWriter xml, IReadOnlyDictionary<ChecksumAlgorithm, string> checksums)
    {
        foreach (var (algorithm, value) in checksums)
        {
            xml.Element("Checksum" + algorithm.XmlName(), value);
        }
    }

    /// <summary>The text with every character XML 1.0 cannot carry replaced by U+FFFD.</summary>
    public static string Carriable(string text)
    {
        if (Core.Names.ObjectKey.FirstNonXmlCharacter(text) is null)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        for (var i = 0; i < builder.Length; i++)
        {
            if (!Core.Names.ObjectKey.IsXmlCharacter(builder[i]))
            {
                builder[i] = '\uFFFD';
            }
        }

        return builder.ToString();
    }
}
