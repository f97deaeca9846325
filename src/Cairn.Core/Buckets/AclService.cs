using Cairn.Core.Authorization.Acl;
using Cairn.Core.Errors;
using Cairn.Core.Ports;

namespace Cairn.Core.Buckets;

/// <summary>An owner and the grants of a bucket or object, as GetBucketAcl and GetObjectAcl answer them.</summary>
public sealed record AclView(string OwnerId, AccessControlList Acl);

/// <summary>Who owns an object a request writes, and the ACL it gets (null: owner full control).</summary>
public sealed record ObjectWriteAcl(string Owner, AccessControlList? Acl);

/// <summary>
/// ACL use cases: the ACL and owner of what a request writes (objects, uploads, copies, new buckets) and reading
/// and replacing the ACL of a bucket or object, with the rules of Object Ownership and the public access block
/// applied at write time (docs/access-control.md "ACLs").
/// </summary>
public sealed class AclService(BucketSettingsService settings, IObjectStore objects, AclResolver resolver, PublicAccessBlocks publicAccess)
{
    /// <summary>
    /// The owner and ACL of an object <paramref name="writerId"/> writes into <paramref name="bucket"/> (PutObject,
    /// CreateMultipartUpload, CopyObject): NoSuchBucket, AccessControlListNotSupported, InvalidArgument for an
    /// unknown grantee, AccessDenied for a public ACL under BlockPublicAcls, in that order.
    /// </summary>
    public async Task<ObjectWriteAcl> ForObjectWriteAsync(string bucket, string writerId, AclRequest request, CancellationToken cancellationToken)
    {
        var access = await settings.GetAsync(bucket, cancellationToken);
        AclWriteRules.RequireAclsAccepted(access.AclsDisabled, request, access.Owner);
        var owner = ObjectOwnerRule.OwnerOf(access.Ownership, access.Owner, writerId, request);
        if (access.AclsDisabled)
        {
            return new ObjectWriteAcl(owner, null);
        }

        var acl = await resolver.ResolveAsync(request, owner, access.Owner, cancellationToken);
        AclWriteRules.RefusePublic(publicAccess.Effective(access.PublicAccessBlock), acl);
        return new ObjectWriteAcl(owner, acl);
    }

    /// <summary>
    /// The first documents of a bucket <paramref name="ownerId"/> creates with <paramref name="request"/> and,
    /// when asked, an Object Ownership setting. With BucketOwnerEnforced an ACL other than bucket-owner full
    /// control is InvalidBucketAclWithObjectOwnership; a public ACL under the server-wide BlockPublicAcls is AccessDenied.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ForBucketCreateAsync(
        string ownerId, AclRequest request, ObjectOwnership? ownership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ownership is { } setting)
        {
            documents[BucketSettingNames.OwnershipControls] = BucketSettingsCodec.Spell(setting);
        }

        if (ownership == ObjectOwnership.BucketOwnerEnforced)
        {
            if (!request.OnlyBucketOwnerFullControl(ownerId))
            {
                throw new CairnException(ErrorCode.InvalidBucketAclWithObjectOwnership);
            }

            return documents;
        }

        var acl = await resolver.ResolveAsync(request, ownerId, ownerId, cancellationToken);
        AclWriteRules.RefusePublic(publicAccess.Effective(null), acl);
        if (acl is not null)
        {
            documents[BucketSettingNames.Acl] = AclJson.Write(acl);
        }

        return documents;
    }

    /// <summary>The bucket's owner and ACL; with ACLs switched off, owner full control whatever is stored.</summary>
    public async Task<AclView> GetBucketAclAsync(string bucket, CancellationToken cancellationToken)
    {
        var access = await settings.GetAsync(bucket, cancellationToken);
        return new AclView(access.Owner, access.AclsDisabled ? CannedAcls.Private(access.Owner) : access.Acl);
    }

    /// <summary>Replaces the bucket's ACL (PutBucketAcl).</summary>
    public async Task PutBucketAclAsync(string bucket, AclRequest request, CancellationToken cancellationToken)
    {
        var access = await settings.GetAsync(bucket, cancellationToken);
        var acl = await ResolveReplacementAsync(access, access.Owner, request, cancellationToken);
        await settings.SetAsync(bucket, BucketSettingNames.Acl, acl is null ? null : AclJson.Write(acl), cancellationToken);
    }

    /// <summary>The object's owner and ACL; with ACLs switched off, the bucket owner with full control.</summary>
    public async Task<AclView> GetObjectAclAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var access = await settings.GetAsync(bucket, cancellationToken);
        var record = await objects.GetObjectAsync(bucket, key, cancellationToken) ?? throw Failures.NoSuchKey(key);
        return access.AclsDisabled
            ? new AclView(access.Owner, CannedAcls.Private(access.Owner))
            : new AclView(record.Owner, record.Acl ?? CannedAcls.Private(record.Owner));
    }

    /// <summary>Replaces the object's ACL (PutObjectAcl); its owner stays.</summary>
    public async Task PutObjectAclAsync(string bucket, string key, AclRequest request, CancellationToken cancellationToken)
    {
        var access = await settings.GetAsync(bucket, cancellationToken);
        var record = await objects.GetObjectAsync(bucket, key, cancellationToken) ?? throw Failures.NoSuchKey(key);
        var acl = await ResolveReplacementAsync(access, record.Owner, request, cancellationToken);
        if (!await objects.SetObjectAclAsync(bucket, key, record.Owner, acl, cancellationToken))
        {
            throw Failures.NoSuchKey(key);
        }
    }

    /// <summary>
    /// The checks of PutBucketAcl and PutObjectAcl, in S3's order: ACLs switched off, the owner a policy document
    /// names (only the current owner: an ACL never gives a resource away), the grantees, the public access block.
    /// </summary>
    private async Task<AccessControlList?> ResolveReplacementAsync(BucketAccess access, string ownerId, AclRequest request, CancellationToken cancellationToken)
    {
        AclWriteRules.RequireAclsAccepted(access.AclsDisabled, request, access.Owner);
        if (access.AclsDisabled)
        {
            // Nothing but bucket-owner full control got here, which is what a bucket without ACLs has anyway.
            return null;
        }

        if (request.OwnerId is { } claimed && claimed != ownerId)
        {
            throw new CairnException(ErrorCode.AccessDenied, "Access Denied: the policy document names an owner other than the resource's.");
        }

        var acl = await resolver.ResolveAsync(request, ownerId, access.Owner, cancellationToken);
        AclWriteRules.RefusePublic(publicAccess.Effective(access.PublicAccessBlock), acl);
        return acl;
    }
}
