using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;

namespace Cairn.Server.Xml;

/// <summary>
/// Reads a small XML control document (DeleteObjects, CompleteMultipartUpload) with a server-side size cap and
/// DTDs prohibited; anything malformed or oversized is MalformedXML.
/// </summary>
internal static class SafeXmlReader
{
    public static async Task<XElement> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > maxBytes)
            {
                throw new CairnException(ErrorCode.MalformedXML, "The XML you provided was larger than the maximum allowed size.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(buffer, settings);
            return XElement.Load(reader);
        }
        catch (XmlException e)
        {
            throw new CairnException(ErrorCode.MalformedXML, null, e);
        }
    }

    /// <summary>Child elements by local name, whatever namespace the client used (SDKs differ).</summary>
    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static string? ChildValue(this XElement element, string localName) =>
        element.Children(localName).FirstOrDefault()?.Value;
}
