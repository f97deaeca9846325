using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary>
/// An AccessControlPolicy XML document (as <c>cairn acl get</c> shows and S3 documents it) read into the SDK's
/// access control list, so <c>cairn acl set --file</c> sends exactly the grants the file lists.
/// </summary>
internal static class AclDocuments
{
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static S3AccessControlList Parse(string xml)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (System.Xml.XmlException e)
        {
            throw new UsageException($"the ACL file is not XML: {e.Message}");
        }

        var root = document.Root!;
        var ns = root.Name.Namespace == S3 ? S3 : XNamespace.None;
        var list = new S3AccessControlList { Grants = [] };
        if (root.Element(ns + "Owner") is { } owner)
        {
            list.Owner = new Owner { Id = owner.Element(ns + "ID")?.Value, DisplayName = owner.Element(ns + "DisplayName")?.Value };
        }

        foreach (var grant in root.Element(ns + "AccessControlList")?.Elements(ns + "Grant") ?? [])
        {
            var grantee = grant.Element(ns + "Grantee") ?? throw new UsageException("a Grant of the ACL file has no Grantee.");
            var permission = grant.Element(ns + "Permission")?.Value ?? throw new UsageException("a Grant of the ACL file has no Permission.");
            list.Grants.Add(new S3Grant { Grantee = Grantee(grantee, ns), Permission = S3Permission.FindValue(permission) });
        }

        return list;
    }

    private static S3Grantee Grantee(XElement grantee, XNamespace ns)
    {
        var type = grantee.Attribute(Xsi + "type")?.Value;
        return type switch
        {
            "CanonicalUser" => new S3Grantee { CanonicalUser = grantee.Element(ns + "ID")?.Value },
            "Group" => new S3Grantee { URI = grantee.Element(ns + "URI")?.Value },
            "AmazonCustomerByEmail" => new S3Grantee { EmailAddress = grantee.Element(ns + "EmailAddress")?.Value },
            _ => throw new UsageException($"the ACL file has a Grantee of unknown xsi:type '{type}' (CanonicalUser, Group or AmazonCustomerByEmail)."),
        };
    }

    /// <summary>How a grantee is shown: its canonical id, its group URI or its e-mail address.</summary>
    public static string Describe(S3Grantee grantee) =>
        grantee.CanonicalUser ?? grantee.URI ?? grantee.EmailAddress ?? "?";
}
