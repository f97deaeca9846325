using System.Globalization;
using System.Xml;
using Cairn.Core.Authorization;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.Errors;
using Cairn.Server.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// The admin API's documents as IAM shapes them: <c>&lt;XResponse&gt;&lt;XResult&gt;…&lt;/XResult&gt;&lt;ResponseMetadata&gt;</c>
/// for an action X, <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c> for a
/// failure, all in IAM's namespace and sent as text/xml with IAM's request-id header.
/// </summary>
internal static class IamXml
{
    public const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    public const string RequestIdHeader = "x-amzn-RequestId";
    private const string ContentType = "text/xml";

    /// <summary>Writes the answer of <paramref name="action"/>; <paramref name="result"/> is null for actions that return nothing.</summary>
    public static Task WriteResultAsync(HttpResponse response, string action, Action<XmlWriter>? result, string requestId, CancellationToken cancellationToken) =>
        SendAsync(response, action + "Response", xml =>
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

    /// <summary>An error document; the caller has set the status. Type is Sender for 4xx, Receiver for 5xx, as IAM says.</summary>
    public static Task WriteErrorAsync(HttpResponse response, ErrorEntry entry, string message, string requestId, CancellationToken cancellationToken) =>
        SendAsync(response, "ErrorResponse", xml =>
        {
            xml.Start("Error");
            xml.Element("Type", entry.Status >= 500 ? "Receiver" : "Sender");
            xml.Element("Code", entry.Code);
            xml.Element("Message", message);
            xml.WriteEndElement();
            xml.Element("RequestId", requestId);
        }, cancellationToken);

    /// <summary>A user's elements (inside User or a list's member): Path, UserName, UserId, Arn, CreateDate.</summary>
    public static void User(XmlWriter xml, User user)
    {
        xml.Element("Path", IamNames.RootPath);
        xml.Element("UserName", user.Name);
        xml.Element("UserId", user.Id);
        xml.Element("Arn", Arns.User(user.Name));
        xml.Element("CreateDate", Date(user.CreatedAt));
    }

    /// <summary>ISO 8601 in UTC to the second, as IAM writes its dates.</summary>
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

    private static async Task SendAsync(HttpResponse response, string root, Action<XmlWriter> body, CancellationToken cancellationToken)
    {
        using var document = XmlResponse.Render(root, Namespace, body);
        response.ContentType = ContentType;
        response.ContentLength = document.Length;
        await response.Body.WriteAsync(document.GetBuffer().AsMemory(0, (int)document.Length), cancellationToken);
    }
}
