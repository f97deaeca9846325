using System.Text;
using System.Xml;
using Cairn.Server.Errors;
using Cairn.Server.Http;

namespace Cairn.Server.Dialects;

/// <summary>The S3 REST dialect (SPEC.md §1.0, §1.9): x-amz-* headers and an un-namespaced &lt;Error&gt; body.</summary>
internal sealed class S3Dialect : IDialect
{
    public static readonly S3Dialect Instance = new();

    public string MetadataPrefix => S3Headers.MetaPrefix;

    public string RequestIdHeader => S3Headers.RequestId;

    public async Task WriteErrorAsync(HttpResponse response, ErrorEntry entry, string message, string resource, string requestId,
        IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        response.ContentType = "application/xml";
        var builder = new StringBuilder();
        using (var xml = XmlWriter.Create(builder, new XmlWriterSettings { Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("Error");
            xml.WriteElementString("Code", entry.Code);
            xml.WriteElementString("Message", message);
            foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            {
                xml.WriteElementString(name, value);
            }

            xml.WriteElementString("Resource", resource);
            xml.WriteElementString("RequestId", requestId);
            xml.WriteElementString("HostId", requestId);
            xml.WriteEndElement();
        }

        // StringBuilder output declares utf-16; the body is UTF-8.
        var text = builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"UTF-8\"", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }
}
