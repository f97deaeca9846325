using System.Text;
using System.Xml;

namespace Cairn.Server.Xml;

/// <summary>
/// Writes an S3 success document (root in the 2006-03-01 namespace, SPEC.md §1.0). Documents are small and
/// bounded (a list page holds at most 1,000 entries), so they are built in memory and sent with a Content-Length.
/// </summary>
internal static class XmlResponse
{
    public const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
    };

    public static async Task WriteAsync(HttpResponse response, string root, Action<XmlWriter> body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root, S3Namespace);
            body(xml);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    public static void Element(this XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, S3Namespace, value);
        }
    }

    public static void Element(this XmlWriter xml, string name, long value) =>
        xml.WriteElementString(name, S3Namespace, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static void Element(this XmlWriter xml, string name, bool value) =>
        xml.WriteElementString(name, S3Namespace, value ? "true" : "false");

    public static void Start(this XmlWriter xml, string name) => xml.WriteStartElement(name, S3Namespace);
}
