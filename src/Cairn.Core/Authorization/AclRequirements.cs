using System.Collections.Frozen;
using Cairn.Core.Authorization.Acl;
using Cairn.Core.Operations;

namespace Cairn.Core.Authorization;

/// <summary>What an ACL must grant for an operation, and on what (docs/access-control.md "Who may do what").</summary>
public enum AclScope
{
    /// <summary>No bucket is involved (ListBuckets, CreateBucket): any signed request, unless a user policy denies.</summary>
    Account,

    /// <summary>Only the bucket owner (or a policy) may: ACLs never grant it (DeleteBucket, policy, CORS...).</summary>
    BucketOwner,

    /// <summary>A grant on the bucket's ACL.</summary>
    BucketGrant,

    /// <summary>A grant on the object's ACL.</summary>
    ObjectGrant,

    /// <summary>Decided key by key by the handler (DeleteObjects asks for DeleteObject on each key).</summary>
    PerKey,
}

/// <summary>The operation → ACL requirement table, as S3 maps ACL permissions to operations.</summary>
public static class AclRequirements
{
    private static readonly FrozenDictionary<Operation, (AclScope Scope, AclRight Right)> Table = new Dictionary<Operation, (AclScope, AclRight)>
    {
        [Operation.NotImplemented] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.ListBuckets] = (AclScope.Account, AclRight.Read),
        [Operation.CreateBucket] = (AclScope.Account, AclRight.Write),
        [Operation.HeadBucket] = (AclScope.BucketGrant, AclRight.Read),
        [Operation.ListObjects] = (AclScope.BucketGrant, AclRight.Read),
        [Operation.ListObjectsV2] = (AclScope.BucketGrant, AclRight.Read),
        [Operation.ListObjectVersions] = (AclScope.BucketGrant, AclRight.Read),
        [Operation.ListMultipartUploads] = (AclScope.BucketGrant, AclRight.Read),
        [Operation.PutObject] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.PostObject] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.CopyObject] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.DeleteObject] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.DeleteObjects] = (AclScope.PerKey, AclRight.Write),
        [Operation.CreateMultipartUpload] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.UploadPart] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.UploadPartCopy] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.CompleteMultipartUpload] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.AbortMultipartUpload] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.ListParts] = (AclScope.BucketGrant, AclRight.Write),
        [Operation.GetObject] = (AclScope.ObjectGrant, AclRight.Read),
        [Operation.HeadObject] = (AclScope.ObjectGrant, AclRight.Read),
        [Operation.GetObjectAttributes] = (AclScope.ObjectGrant, AclRight.Read),
        [Operation.GetBucketAcl] = (AclScope.BucketGrant, AclRight.ReadAcp),
        [Operation.PutBucketAcl] = (AclScope.BucketGrant, AclRight.WriteAcp),
        [Operation.GetObjectAcl] = (AclScope.ObjectGrant, AclRight.ReadAcp),
        [Operation.PutObjectAcl] = (AclScope.ObjectGrant, AclRight.WriteAcp),
        [Operation.DeleteBucket] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetBucketLocation] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetBucketVersioning] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetBucketPolicy] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.PutBucketPolicy] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.DeleteBucketPolicy] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetBucketPolicyStatus] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetPublicAccessBlock] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.PutPublicAccessBlock] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.DeletePublicAccessBlock] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetBucketOwnershipControls] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.PutBucketOwnershipControls] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.DeleteBucketOwnershipControls] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetBucketCors] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.PutBucketCors] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.DeleteBucketCors] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetObjectTagging] = (AclScope.ObjectGrant, AclRight.Read),
        [Operation.PutObjectTagging] = (AclScope.ObjectGrant, AclRight.FullControl),
        [Operation.DeleteObjectTagging] = (AclScope.ObjectGrant, AclRight.FullControl),
        [Operation.GetBucketTagging] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.PutBucketTagging] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.DeleteBucketTagging] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.GetBucketLifecycle] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.PutBucketLifecycle] = (AclScope.BucketOwner, AclRight.FullControl),
        [Operation.DeleteBucketLifecycle] = (AclScope.BucketOwner, AclRight.FullControl),
    }.ToFrozenDictionary();

    /// <summary>What <paramref name="operation"/> needs from an ACL.</summary>
    public static (AclScope Scope, AclRight Right) For(Operation operation) =>
        Table.TryGetValue(operation, out var requirement)
            ? requirement
            : throw new ArgumentOutOfRangeException(nameof(operation), operation, "No ACL requirement is defined for this operation.");
}
