using Cairn.Core.Authorization.Acl;
using Cairn.Core.Buckets;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>OSS's ACLs: x-oss-acl / x-oss-object-acl and the AccessControlPolicy document, on the shared ACL model.</summary>
internal sealed class OssAccessControlCodec : IAccessControlCodec
{
    public AclRequest ReadRequestAcl(OperationRequest r) => throw Pending.Operation();

    public ObjectOwnership? ReadRequestOwnership(OperationRequest r) => throw Pending.Operation();

    public Task<AclRequest> ReadPutAclAsync(OperationRequest r) => throw Pending.Operation();

    public Task WriteAclAsync(OperationRequest r, AclView view, IReadOnlyDictionary<string, string> names) => throw Pending.Operation();

    public Task<ObjectOwnership> ReadOwnershipControlsAsync(OperationRequest r) => throw Pending.Operation();

    public Task WriteOwnershipControlsAsync(OperationRequest r, ObjectOwnership ownership) => throw Pending.Operation();

    public Task<PublicAccessBlock> ReadPublicAccessBlockAsync(OperationRequest r) => throw Pending.Operation();

    public Task WritePublicAccessBlockAsync(OperationRequest r, PublicAccessBlock block) => throw Pending.Operation();
}
