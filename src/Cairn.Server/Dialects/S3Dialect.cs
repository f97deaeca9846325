using Cairn.Server.Errors;
using Cairn.Server.Http;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects;

/// <summary>The S3 REST dialect (docs/s3-compatibility.md): x-amz-* headers and an un-namespaced &lt;Error&gt; body.</summary>
internal sealed class S3Dialect : IDialect
{
    public static readonly S3Dialect Instance = new();

    public string MetadataPrefix => S3Headers.MetaPrefix;

    public string RequestIdHeader => S3Headers.RequestId;

    public async Task WriteErrorAsync(HttpResponse response, ErrorEntry entry, string message, string resource, string requestId,
        IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        using var document = XmlResponse.Render("Error", string.Empty, xml =>
        {
            xml.Element("Code", entry.Code);
            xml.Element("Message", message);
            foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            {
                xml.Element(name, value);
            }

            xml.Element("Resource", resource);
            xml.Element("RequestId", requestId);
            xml.Element("HostId", requestId);
        });
        response.ContentType = "application/xml";
        response.ContentLength = document.Length;
        await response.Body.WriteAsync(document.GetBuffer().AsMemory(0, (int)document.Length), cancellationToken);
    }
}
