using Cairn.Core.Authorization.Acl;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Operations;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's ACLs (<see cref="OssCannedAcls"/>): <c>x-oss-acl</c> on a bucket, <c>x-oss-object-acl</c> on an object,
/// set by header only, and the AccessControlPolicy document with one canned Grant. OSS has neither Object Ownership
/// nor S3's public access block: those answer NotImplemented.
/// </summary>
internal sealed class OssAccessControlCodec : IAccessControlCodec
{
    public AclRequest ReadRequestAcl(OperationRequest r)
    {
        var (header, forBucket) = r.Operation == Operation.CreateBucket ? (OssHeaders.Acl, true) : (OssHeaders.ObjectAcl, false);
        var value = r.Request.Headers[header].ToString().Trim();
        return value.Length == 0 ? AclRequest.None : Parse(value, header, forBucket);
    }

    /// <summary>OSS has no Object Ownership: a new bucket has the default.</summary>
    public ObjectOwnership? ReadRequestOwnership(OperationRequest r) => null;

    public Task<AclRequest> ReadPutAclAsync(OperationRequest r)
    {
        var (header, forBucket) = r.Operation == Operation.PutBucketAcl ? (OssHeaders.Acl, true) : (OssHeaders.ObjectAcl, false);
        var value = r.Request.Headers[header].ToString().Trim();
        return value.Length > 0
            ? Task.FromResult(Parse(value, header, forBucket))
            : throw new CairnException(ErrorCode.InvalidArgument, $"The {header} header names the new ACL and is required.")
            {
                Details = new ErrorDetails { ArgumentName = header },
            };
    }

    public Task WriteAclAsync(OperationRequest r, AclView view, IReadOnlyDictionary<string, string> names) =>
        OssXml.WriteAsync(r.Response, "AccessControlPolicy", xml =>
        {
            xml.Owner(view.OwnerId, names);
            xml.Start("AccessControlList");
            xml.Element("Grant", OssCannedAcls.Spell(view.Acl));
            xml.WriteEndElement();
        }, r.Aborted);

    public Task<ObjectOwnership> ReadOwnershipControlsAsync(OperationRequest r) => throw NotOss("Object Ownership controls");

    public Task WriteOwnershipControlsAsync(OperationRequest r, ObjectOwnership ownership) => throw NotOss("Object Ownership controls");

    public Task<PublicAccessBlock> ReadPublicAccessBlockAsync(OperationRequest r) => throw NotOss("S3's public access block");

    public Task WritePublicAccessBlockAsync(OperationRequest r, PublicAccessBlock block) => throw NotOss("S3's public access block");

    private static AclRequest Parse(string value, string header, bool forBucket) =>
        forBucket ? OssCannedAcls.ForBucket(value, header) : OssCannedAcls.ForObject(value, header);

    private static CairnException NotOss(string feature) =>
        new(ErrorCode.NotImplemented, $"The OSS dialect has no {feature}; the S3 dialect reads and writes them.");
}
