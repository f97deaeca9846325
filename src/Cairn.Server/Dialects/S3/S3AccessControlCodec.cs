using Cairn.Core.Authorization.Acl;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// S3's access control wire: ACL headers and the AccessControlPolicy document (<see cref="S3AclHeaders"/>,
/// <see cref="S3AccessControlPolicy"/>), the OwnershipControls and PublicAccessBlockConfiguration documents.
/// </summary>
internal sealed class S3AccessControlCodec : IAccessControlCodec
{
    /// <summary>Bound on the small configuration documents (one rule, four switches).</summary>
    private const int MaxConfigurationBytes = 64 * 1024;

    public AclRequest ReadRequestAcl(OperationRequest r) => S3AclHeaders.Read(r.Request.Headers);

    public ObjectOwnership? ReadRequestOwnership(OperationRequest r) => S3AclHeaders.ReadOwnership(r.Request.Headers);

    public async Task<AclRequest> ReadPutAclAsync(OperationRequest r)
    {
        var fromHeaders = S3AclHeaders.Read(r.Request.Headers);
        var body = OpenVerifiedBody(r);
        if (fromHeaders.IsEmpty)
        {
            return await S3AccessControlPolicy.ReadAsync(body, r.Aborted);
        }

        if (await body.ReadAsync(new byte[1], r.Aborted) > 0)
        {
            throw new CairnException(ErrorCode.InvalidRequest,
                "An ACL is given by its headers or by an AccessControlPolicy document in the body, not both.");
        }

        return fromHeaders;
    }

    public Task WriteAclAsync(OperationRequest r, AclView view, IReadOnlyDictionary<string, string> names) =>
        S3Xml.WriteAsync(r.Response, "AccessControlPolicy", xml => S3AccessControlPolicy.Write(xml, view, names), r.Aborted);

    public async Task<ObjectOwnership> ReadOwnershipControlsAsync(OperationRequest r)
    {
        var body = OpenVerifiedBody(r);
        var document = await S3Xml.ReadDocumentAsync(body, MaxConfigurationBytes, "OwnershipControls", r.Aborted);
        var rules = document.Children("Rule").ToList();
        var value = rules.Count == 1 ? rules[0].ChildValue("ObjectOwnership")?.Trim() : null;
        return value is not null && BucketSettingsCodec.TryParseOwnership(value) is { } ownership
            ? ownership
            : throw new CairnException(ErrorCode.MalformedXML,
                "The XML you provided was not well-formed or did not validate against our published schema: OwnershipControls needs one Rule with an ObjectOwnership of BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter.");
    }

    public Task WriteOwnershipControlsAsync(OperationRequest r, ObjectOwnership ownership) =>
        S3Xml.WriteAsync(r.Response, "OwnershipControls", xml =>
        {
            xml.Start("Rule");
            xml.Element("ObjectOwnership", BucketSettingsCodec.Spell(ownership));
            xml.WriteEndElement();
        }, r.Aborted);

    public async Task<PublicAccessBlock> ReadPublicAccessBlockAsync(OperationRequest r)
    {
        var body = OpenVerifiedBody(r);
        var document = await S3Xml.ReadDocumentAsync(body, MaxConfigurationBytes, "PublicAccessBlockConfiguration", r.Aborted);
        return new PublicAccessBlock(
            Switch(document, "BlockPublicAcls"),
            Switch(document, "IgnorePublicAcls"),
            Switch(document, "BlockPublicPolicy"),
            Switch(document, "RestrictPublicBuckets"));
    }

    public Task WritePublicAccessBlockAsync(OperationRequest r, PublicAccessBlock block) =>
        S3Xml.WriteAsync(r.Response, "PublicAccessBlockConfiguration", xml =>
        {
            xml.Element("BlockPublicAcls", block.BlockPublicAcls);
            xml.Element("IgnorePublicAcls", block.IgnorePublicAcls);
            xml.Element("BlockPublicPolicy", block.BlockPublicPolicy);
            xml.Element("RestrictPublicBuckets", block.RestrictPublicBuckets);
        }, r.Aborted);

    /// <summary>One switch of the configuration: absent is off, otherwise true or false.</summary>
    private static bool Switch(System.Xml.Linq.XElement document, string name) =>
        document.ChildValue(name)?.Trim().ToLowerInvariant() switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw new CairnException(ErrorCode.MalformedXML,
                $"The XML you provided was not well-formed or did not validate against our published schema: {name} is \"{other}\", not true or false."),
        };

    /// <summary>The body with its Content-MD5 or x-amz-checksum-* claim verified as it is read.</summary>
    private static VerifyingReadStream OpenVerifiedBody(OperationRequest r) =>
        new(r.OpenBody(), ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth));
}
