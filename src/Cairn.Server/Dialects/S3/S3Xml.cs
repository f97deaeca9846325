using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// S3's XML: success documents have their root in the 2006-03-01 namespace (docs/s3-compatibility.md), control
/// documents are accepted in that namespace or none, and the elements several documents share are written here once.
/// </summary>
internal static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>Sends a success document whose root is in S3's namespace.</summary>
    public static Task WriteAsync(HttpResponse response, string root, Action<XmlWriter> body, CancellationToken cancellationToken) =>
        XmlResponse.WriteAsync(response, root, Namespace, body, cancellationToken);

    /// <summary>Reads a control document and checks that its root is <paramref name="rootName"/> in no namespace or S3's.</summary>
    public static async Task<XElement> ReadDocumentAsync(Stream body, int maxBytes, string rootName, CancellationToken cancellationToken)
    {
        var document = await SafeXmlReader.ReadAsync(body, maxBytes, cancellationToken);
        var ns = document.Name.NamespaceName;
        if (document.Name.LocalName != rootName || ns.Length > 0 && ns != Namespace)
        {
            throw new CairnException(ErrorCode.MalformedXML,
                $"The XML you provided was not well-formed or did not validate against our published schema: expected a {rootName} document.");
        }

        return document;
    }

    /// <summary>One <c>Checksum&lt;ALGORITHM&gt;</c> element per stored checksum (objects, parts, copies alike).</summary>
    public static void Checksums(this XmlWriter xml, IReadOnlyDictionary<ChecksumAlgorithm, string> checksums)
    {
        foreach (var (algorithm, value) in checksums.Amz())
        {
            xml.Element("Checksum" + algorithm.XmlName(), value);
        }
    }

    /// <summary>An Owner or Initiator element: the owner's user id and that user's name (docs/identity.md).</summary>
    public static void Owner(this XmlWriter xml, string element, string ownerId, IReadOnlyDictionary<string, string> names)
    {
        xml.Start(element);
        xml.Element("ID", ownerId);
        xml.Element("DisplayName", names.TryGetValue(ownerId, out var name) ? name : ownerId);
        xml.WriteEndElement();
    }
}
