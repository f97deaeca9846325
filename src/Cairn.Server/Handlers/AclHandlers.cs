using Cairn.Core.Authorization.Acl;
using Cairn.Core.Buckets;
using Cairn.Core.Identity;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Handlers;

/// <summary>GetBucketAcl, PutBucketAcl, GetObjectAcl, PutObjectAcl (docs/access-control.md "ACLs").</summary>
internal sealed class AclHandlers(AclService acls, OwnerNames ownerNames)
{
    public async Task GetBucketAclAsync(OperationRequest r) =>
        await WriteAsync(r, await acls.GetBucketAclAsync(r.Bucket, r.Aborted));

    public async Task PutBucketAclAsync(OperationRequest r)
    {
        var request = await r.Dialect.Access.ReadPutAclAsync(r);
        await acls.PutBucketAclAsync(r.Bucket, request, r.Aborted);
    }

    public async Task GetObjectAclAsync(OperationRequest r) =>
        await WriteAsync(r, await acls.GetObjectAclAsync(r.Bucket, r.Key, r.Aborted));

    public async Task PutObjectAclAsync(OperationRequest r)
    {
        var request = await r.Dialect.Access.ReadPutAclAsync(r);
        await acls.PutObjectAclAsync(r.Bucket, r.Key, request, r.Aborted);
    }

    private async Task WriteAsync(OperationRequest r, AclView view)
    {
        var users = view.Acl.Grants.Where(g => g.Grantee.Type == GranteeType.CanonicalUser).Select(g => g.Grantee.Value);
        var names = await ownerNames.ResolveAsync(users.Prepend(view.OwnerId), r.Aborted);
        await r.Dialect.Access.WriteAclAsync(r, view, names);
    }
}
