using Cairn.Core.Authorization.Acl;
using Cairn.Core.Buckets;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>
/// A dialect's spelling of access control: the ACL a write request carries, the ACL documents of Get/Put*Acl, the
/// Object Ownership controls and the public access block configuration.
/// </summary>
internal interface IAccessControlCodec
{
    /// <summary>The ACL a write (CreateBucket, PutObject, CreateMultipartUpload, CopyObject) asks for in its headers.</summary>
    AclRequest ReadRequestAcl(OperationRequest r);

    /// <summary>The Object Ownership a CreateBucket asks for; null when none.</summary>
    ObjectOwnership? ReadRequestOwnership(OperationRequest r);

    /// <summary>PutBucketAcl / PutObjectAcl: the new ACL from the headers or the body, exactly one of them.</summary>
    Task<AclRequest> ReadPutAclAsync(OperationRequest r);

    /// <summary>GetBucketAcl / GetObjectAcl; <paramref name="names"/> holds the display name of every user named.</summary>
    Task WriteAclAsync(OperationRequest r, AclView view, IReadOnlyDictionary<string, string> names);

    Task<ObjectOwnership> ReadOwnershipControlsAsync(OperationRequest r);

    Task WriteOwnershipControlsAsync(OperationRequest r, ObjectOwnership ownership);

    Task<PublicAccessBlock> ReadPublicAccessBlockAsync(OperationRequest r);

    Task WritePublicAccessBlockAsync(OperationRequest r, PublicAccessBlock block);
}
