using Cairn.Core.Authorization.Acl;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// The ACL a request carries in S3's headers: <c>x-amz-acl</c> (a canned ACL) or the <c>x-amz-grant-*</c> headers,
/// each a comma-separated list of <c>id="…"</c>, <c>uri="…"</c> or <c>emailAddress="…"</c> grantees; never both.
/// Also <c>x-amz-object-ownership</c> on CreateBucket.
/// </summary>
internal static class S3AclHeaders
{
    private static readonly (string Header, AclRight Permission)[] GrantHeaders =
    [
        (S3Headers.GrantRead, AclRight.Read),
        (S3Headers.GrantWrite, AclRight.Write),
        (S3Headers.GrantReadAcp, AclRight.ReadAcp),
        (S3Headers.GrantWriteAcp, AclRight.WriteAcp),
        (S3Headers.GrantFullControl, AclRight.FullControl),
    ];

    /// <summary>The request's ACL headers; <see cref="AclRequest.None"/> when it has none.</summary>
    public static AclRequest Read(IHeaderDictionary headers)
    {
        var canned = headers[S3Headers.Acl].ToString().Trim();
        var granted = GrantHeaders.Where(g => headers[g.Header].ToString().Trim().Length > 0).ToList();
        if (canned.Length > 0 && granted.Count > 0)
        {
            throw new CairnException(ErrorCode.InvalidRequest, "Specifying both Canned ACLs and Header Grants is not allowed");
        }

        if (canned.Length > 0)
        {
            return new AclRequest(CannedAcls.Parse(canned) ?? throw InvalidHeader(S3Headers.Acl, canned), null);
        }

        if (granted.Count == 0)
        {
            return AclRequest.None;
        }

        var grants = new List<Grant>();
        foreach (var (header, permission) in granted)
        {
            foreach (var grantee in ParseGrantees(header, headers[header].ToString()))
            {
                grants.Add(new Grant(grantee, permission));
            }
        }

        return new AclRequest(null, grants);
    }

    /// <summary>The Object Ownership a CreateBucket asks for; null when the header is absent.</summary>
    public static ObjectOwnership? ReadOwnership(IHeaderDictionary headers)
    {
        var value = headers[S3Headers.ObjectOwnership].ToString().Trim();
        return value.Length == 0
            ? null
            : BucketSettingsCodec.TryParseOwnership(value) ?? throw InvalidHeader(S3Headers.ObjectOwnership, value);
    }

    /// <summary>
    /// A group grantee: one of the predefined groups, InvalidArgument otherwise. Shared with the policy document,
    /// where the same URIs are valid.
    /// </summary>
    public static Grantee Group(string uri) =>
        AclGroups.IsKnown(uri)
            ? new Grantee(GranteeType.Group, uri)
            : throw new CairnException(ErrorCode.InvalidArgument, "Invalid group uri")
            {
                Details = new ErrorDetails { ArgumentName = "uri", ArgumentValue = uri },
            };

    /// <summary>Grants by e-mail address name an account by its address; no Cairn user has one.</summary>
    public static CairnException UnresolvableEmail(string address) =>
        new(ErrorCode.UnresolvableGrantByEmailAddress)
        {
            Details = new ErrorDetails { ArgumentName = "emailAddress", ArgumentValue = address },
        };

    private static List<Grantee> ParseGrantees(string header, string value)
    {
        var grantees = new List<Grantee>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw InvalidHeader(header, value);
            }

            var type = item[..equals].Trim();
            var text = Unquote(item[(equals + 1)..].Trim());
            if (text.Length == 0)
            {
                throw InvalidHeader(header, value);
            }

            grantees.Add(type.ToLowerInvariant() switch
            {
                "id" => Grantee.User(text),
                "uri" => Group(text),
                "emailaddress" => throw UnresolvableEmail(text),
                _ => throw InvalidHeader(header, value),
            });
        }

        return grantees.Count > 0 ? grantees : throw InvalidHeader(header, value);
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    private static CairnException InvalidHeader(string header, string value) =>
        new(ErrorCode.InvalidArgument, $"The {header} header's value is not valid.")
        {
            Details = new ErrorDetails { ArgumentName = header, ArgumentValue = value },
        };
}
