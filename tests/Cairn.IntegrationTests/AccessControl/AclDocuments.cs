using System.Text;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>Hand-written AccessControlPolicy documents, for what the SDK would refuse to send.</summary>
internal static class AclDocuments
{
    public const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    public const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    public static byte[] Policy(string ownerId, params string[] grants) => Encoding.UTF8.GetBytes(
        "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + $"<Owner><ID>{ownerId}</ID></Owner><AccessControlList>{string.Concat(grants)}</AccessControlList></AccessControlPolicy>");

    public static string Grant(string type, string inner, string permission) =>
        "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        + $"xsi:type=\"{type}\">{inner}</Grantee><Permission>{permission}</Permission></Grant>";

    public static string User(string id, string permission) => Grant("CanonicalUser", $"<ID>{id}</ID>", permission);

    public static string Group(string uri, string permission) => Grant("Group", $"<URI>{uri}</URI>", permission);
}
