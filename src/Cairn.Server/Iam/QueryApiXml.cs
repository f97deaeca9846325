using System.Globalization;
using System.Xml;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// The documents of the AWS query APIs (IAM and STS shape them alike, each in its own namespace):
/// <c>&lt;XResponse&gt;&lt;XResult&gt;…&lt;/XResult&gt;&lt;ResponseMetadata&gt;</c> for an action X,
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c> for a failure,
/// sent as text/xml with the request-id header both services use.
/// </summary>
internal static class QueryApiXml
{
    public const string RequestIdHeader = "x-amzn-RequestId";
    private const string ContentType = "text/xml";

    /// <summary>Writes the answer of <paramref name="action"/>; <paramref name="result"/> is null for actions that return nothing.</summary>
    public static Task WriteResultAsync(HttpResponse response, string ns, string action, Action<XmlWriter>? result, string requestId,
        CancellationToken cancellationToken) =>
        SendAsync(response, ns, action + "Response", xml =>
        {
            if (result is not null)
            {
                xml.Start(action + "Result");
                result(xml);
                xml.WriteEndElement();
            }

            xml.Start("ResponseMetadata");
            xml.Element("RequestId", requestId);
            xml.WriteEndElement();
        }, cancellationToken);

    /// <summary>An error document; the caller has set the status. Type is Sender for 4xx, Receiver for 5xx, as AWS says.</summary>
    public static Task WriteErrorAsync(HttpResponse response, string ns, ErrorEntry entry, string message, string requestId,
        CancellationToken cancellationToken) =>
        SendAsync(response, ns, "ErrorResponse", xml =>
        {
            xml.Start("Error");
            xml.Element("Type", entry.Status >= 500 ? "Receiver" : "Sender");
            xml.Element("Code", entry.Code);
            xml.Element("Message", message);
            xml.WriteEndElement();
            xml.Element("RequestId", requestId);
        }, cancellationToken);

    /// <summary>ISO 8601 in UTC to the second, as IAM and STS write their dates.</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A list element with one <c>member</c> per item.</summary>
    public static void Members<T>(XmlWriter xml, string name, IEnumerable<T> items, Action<XmlWriter, T> member)
    {
        xml.Start(name);
        foreach (var item in items)
        {
            xml.Start("member");
            member(xml, item);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static async Task SendAsync(HttpResponse response, string ns, string root, Action<XmlWriter> body, CancellationToken cancellationToken)
    {
        using var document = XmlResponse.Render(root, ns, body);
        response.ContentType = ContentType;
        response.ContentLength = document.Length;
        await response.Body.WriteAsync(document.GetBuffer().AsMemory(0, (int)document.Length), cancellationToken);
    }
}
