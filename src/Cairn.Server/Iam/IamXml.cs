using System.Xml;
using Cairn.Core.Authorization;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;
using Cairn.Server.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// What is IAM's own in the admin API's documents: its namespace and the elements of the entities it answers with
/// (users, roles). The document frame is the query APIs' (<see cref="QueryApiXml"/>).
/// </summary>
internal static class IamXml
{
    public const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    /// <summary>A user's elements (inside User or a list's member): Path, UserName, UserId, Arn, CreateDate.</summary>
    public static void User(XmlWriter xml, User user)
    {
        xml.Element("Path", IamNames.RootPath);
        xml.Element("UserName", user.Name);
        xml.Element("UserId", user.Id);
        xml.Element("Arn", Arns.User(user.Name));
        xml.Element("CreateDate", QueryApiXml.Date(user.CreatedAt));
    }

    /// <summary>
    /// A role's elements (inside Role or a list's member), as IAM writes them: the trust policy URL-encoded, the
    /// description only when there is one, the maximum session duration in seconds.
    /// </summary>
    public static void Role(XmlWriter xml, Role role)
    {
        xml.Element("Path", IamNames.RootPath);
        xml.Element("RoleName", role.Name);
        xml.Element("RoleId", role.Id);
        xml.Element("Arn", role.Arn);
        xml.Element("CreateDate", QueryApiXml.Date(role.CreatedAt));
        xml.Element("AssumeRolePolicyDocument", Uri.EscapeDataString(role.TrustPolicy));
        if (role.Description.Length > 0)
        {
            xml.Element("Description", role.Description);
        }

        xml.Element("MaxSessionDuration", (long)role.MaxSessionDuration.TotalSeconds);
    }
}
