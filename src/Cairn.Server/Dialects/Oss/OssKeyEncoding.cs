using System.Xml;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// <c>encoding-type=url</c>, which OSS accepts on every multipart call and listing: names in the answer
/// percent-encoded and an EncodingType element saying so.
/// </summary>
internal static class OssKeyEncoding
{
    public static KeyEncoding Read(OperationRequest r) => KeyEncoding.FromQuery(r.Request.Query["encoding-type"]);

    /// <summary>The EncodingType element, when the answer's names are URL-encoded.</summary>
    public static void EncodingType(this XmlWriter xml, KeyEncoding encoding) => xml.Element("EncodingType", encoding.IsUrl ? "url" : null);
}
