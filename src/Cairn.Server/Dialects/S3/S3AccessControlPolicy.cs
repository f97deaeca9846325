using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Authorization.Acl;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// S3's AccessControlPolicy document: an Owner and an AccessControlList of Grants, each a Grantee whose kind is its
/// <c>xsi:type</c> (CanonicalUser with an ID, Group with a URI, AmazonCustomerByEmail) and a Permission.
/// </summary>
internal static class S3AccessControlPolicy
{
    private const string Root = "AccessControlPolicy";

    /// <summary>A policy document lists at most 100 grants; 64 KiB holds them with room to spare.</summary>
    private const int MaxBytes = 64 * 1024;

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Reads the document; anything that is not a well-formed, complete policy is MalformedACLError.</summary>
    public static async Task<AclRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        XElement document;
        try
        {
            document = await S3Xml.ReadDocumentAsync(body, MaxBytes, Root, cancellationToken);
        }
        catch (CairnException e) when (e.Code == ErrorCode.MalformedXML)
        {
            throw new CairnException(ErrorCode.MalformedACLError, null, e);
        }

        var list = Single(document, "AccessControlList") ?? throw Malformed("AccessControlPolicy has no AccessControlList.");
        var grants = Elements(list, "Grant").Select(ReadGrant).ToList();
        var ownerId = Single(document, "Owner") is { } owner ? Text(owner, "ID") : null;
        return new AclRequest(null, grants, ownerId);
    }

    /// <summary>Writes the document GetBucketAcl and GetObjectAcl answer.</summary>
    public static void Write(XmlWriter xml, AclView view, IReadOnlyDictionary<string, string> names)
    {
        xml.Owner("Owner", view.OwnerId, names);
        xml.Start("AccessControlList");
        foreach (var grant in view.Acl.Grants)
        {
            xml.Start("Grant");
            xml.Start("Grantee");
            xml.WriteAttributeString("xmlns", "xsi", null, Xsi.NamespaceName);
            if (grant.Grantee.Type == GranteeType.CanonicalUser)
            {
                xml.WriteAttributeString("xsi", "type", Xsi.NamespaceName, "CanonicalUser");
                xml.Element("ID", grant.Grantee.Value);
                xml.Element("DisplayName", names.TryGetValue(grant.Grantee.Value, out var name) ? name : grant.Grantee.Value);
            }
            else
            {
                xml.WriteAttributeString("xsi", "type", Xsi.NamespaceName, "Group");
                xml.Element("URI", grant.Grantee.Value);
            }

            xml.WriteEndElement();
            xml.Element("Permission", AclJson.Spell(grant.Permission));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static Grant ReadGrant(XElement grant)
    {
        var grantee = Single(grant, "Grantee") ?? throw Malformed("A Grant has no Grantee.");
        var permissionText = Text(grant, "Permission") ?? throw Malformed("A Grant has no Permission.");
        var permission = AclJson.TryParsePermission(permissionText) ?? throw Malformed($"\"{permissionText}\" is no ACL permission.");
        var type = grantee.Attributes().FirstOrDefault(a => a.Name.LocalName == "type")?.Value ?? throw Malformed("A Grantee has no xsi:type.");
        return new Grant(type switch
        {
            "CanonicalUser" => Grantee.User(Text(grantee, "ID") ?? throw Malformed("A CanonicalUser grantee has no ID.")),
            "Group" => S3AclHeaders.Group(Text(grantee, "URI") ?? throw Malformed("A Group grantee has no URI.")),
            "AmazonCustomerByEmail" => throw S3AclHeaders.UnresolvableEmail(Text(grantee, "EmailAddress") ?? string.Empty),
            _ => throw Malformed($"\"{type}\" is no grantee type."),
        }, permission);
    }

    private static XElement? Single(XElement parent, string name)
    {
        var matches = Elements(parent, name).Take(2).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw Malformed($"{parent.Name.LocalName} has more than one {name}."),
        };
    }

    /// <summary>
    /// Children by local name, in whichever namespace: SDKs write the grant elements in the document's namespace or
    /// in none, and both mean the same.
    /// </summary>
    private static IEnumerable<XElement> Elements(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>The trimmed text of the one child called <paramref name="name"/>; null when absent or empty.</summary>
    private static string? Text(XElement parent, string name) =>
        Single(parent, name)?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static CairnException Malformed(string detail) =>
        new(ErrorCode.MalformedACLError,
            "The XML you provided was not well-formed or did not validate against our published schema: " + detail);
}
