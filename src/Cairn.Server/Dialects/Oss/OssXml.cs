using System.Xml;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>OSS's success documents: the same elements as S3's where they overlap, with the root in no namespace.</summary>
internal static class OssXml
{
    public static Task WriteAsync(HttpResponse response, string root, Action<XmlWriter> body, CancellationToken cancellationToken) =>
        XmlResponse.WriteAsync(response, root, string.Empty, body, cancellationToken);

    /// <summary>An EncodingType element when the answer's names are URL-encoded.</summary>
    public static void EncodingType(this XmlWriter xml, Http.KeyEncoding encoding) => xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
}
