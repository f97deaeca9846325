using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's XML: the same elements as S3's where they overlap, every document, success or control, with its root in no
/// namespace.
/// </summary>
internal static class OssXml
{
    public static Task WriteAsync(HttpResponse response, string root, Action<XmlWriter> body, CancellationToken cancellationToken) =>
        XmlResponse.WriteAsync(response, root, string.Empty, body, cancellationToken);

    /// <summary>An EncodingType element when the answer's names are URL-encoded.</summary>
    public static void EncodingType(this XmlWriter xml, Http.KeyEncoding encoding) => xml.Element("EncodingType", encoding.IsUrl ? "url" : null);

    /// <summary>
    /// Reads a control document, its Content-MD5 verified as it is read when sent, and checks that its root is
    /// <paramref name="rootName"/>.
    /// </summary>
    public static async Task<XElement> ReadDocumentAsync(OperationRequest r, int maxBytes, string rootName)
    {
        var integrity = new IntegrityExpectation(ObjectRequestHeaders.ReadContentMd5(r.Request.Headers), null, null);
        var document = await SafeXmlReader.ReadAsync(new VerifyingReadStream(r.OpenBody(), integrity), maxBytes, r.Aborted);
        if (document.Name.LocalName != rootName || document.Name.NamespaceName.Length > 0)
        {
            throw new CairnException(ErrorCode.MalformedXML,
                $"The XML you provided was not well-formed or did not validate against our published schema: expected a {rootName} document.");
        }

        return document;
    }

    /// <summary>An Owner element: the owner's user id and that user's name (docs/identity.md).</summary>
    public static void Owner(this XmlWriter xml, string ownerId, IReadOnlyDictionary<string, string> names)
    {
        xml.Start("Owner");
        xml.Element("ID", ownerId);
        xml.Element("DisplayName", names.TryGetValue(ownerId, out var name) ? name : ownerId);
        xml.WriteEndElement();
    }
}
