using Cairn.Core.Authorization.Acl;
using Cairn.Core.Errors;
using Cairn.Core.Ports;

namespace Cairn.Core.Buckets;

/// <summary>
/// A bucket's Object Ownership setting and public access block: read, set and removed as whole documents
/// (docs/access-control.md "Object Ownership", "Public access block").
/// </summary>
public sealed class BucketControlsService(BucketSettingsService settings)
{
    /// <summary>The bucket's Object Ownership setting; OwnershipControlsNotFoundError when none was set.</summary>
    public async Task<ObjectOwnership> GetOwnershipAsync(string bucket, CancellationToken cancellationToken) =>
        (await settings.GetAsync(bucket, cancellationToken)).OwnershipControls
        ?? throw new CairnException(ErrorCode.OwnershipControlsNotFoundError) { Details = new ErrorDetails { BucketName = bucket } };

    /// <summary>
    /// Sets the Object Ownership. BucketOwnerEnforced is refused (InvalidBucketAclWithObjectOwnership) while the
    /// bucket ACL grants anything beyond the owner's full control: switching ACLs off must not silently take away
    /// access the ACL gave, as S3 refuses it too. Object ACLs stay stored, and count again if ACLs are switched back on.
    /// </summary>
    public async Task PutOwnershipAsync(string bucket, ObjectOwnership ownership, CancellationToken cancellationToken)
    {
        var access = await settings.GetAsync(bucket, cancellationToken);
        if (ownership == ObjectOwnership.BucketOwnerEnforced && !access.Acl.Equals(CannedAcls.Private(access.Owner)))
        {
            throw new CairnException(ErrorCode.InvalidBucketAclWithObjectOwnership);
        }

        await settings.SetAsync(bucket, BucketSettingNames.OwnershipControls, BucketSettingsCodec.Spell(ownership), cancellationToken);
    }

    /// <summary>Removes the setting: the bucket behaves as ObjectWriter again.</summary>
    public Task DeleteOwnershipAsync(string bucket, CancellationToken cancellationToken) =>
        settings.SetAsync(bucket, BucketSettingNames.OwnershipControls, null, cancellationToken);

    /// <summary>The bucket's own public access block; NoSuchPublicAccessBlockConfiguration when none was set.</summary>
    public async Task<PublicAccessBlock> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken) =>
        (await settings.GetAsync(bucket, cancellationToken)).PublicAccessBlock
        ?? throw new CairnException(ErrorCode.NoSuchPublicAccessBlockConfiguration) { Details = new ErrorDetails { BucketName = bucket } };

    public Task PutPublicAccessBlockAsync(string bucket, PublicAccessBlock block, CancellationToken cancellationToken) =>
        settings.SetAsync(bucket, BucketSettingNames.PublicAccessBlock, BucketSettingsCodec.WritePublicAccessBlock(block), cancellationToken);

    public Task DeletePublicAccessBlockAsync(string bucket, CancellationToken cancellationToken) =>
        settings.SetAsync(bucket, BucketSettingNames.PublicAccessBlock, null, cancellationToken);
}
