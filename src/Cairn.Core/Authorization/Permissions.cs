using System.Collections.Frozen;
using Cairn.Core.Operations;

namespace Cairn.Core.Authorization;

/// <summary>
/// The operation → permission table: the one S3 action each operation needs, as S3 defines it (HeadBucket and both
/// listings need s3:ListBucket; every way of writing an object, multipart steps included, needs s3:PutObject). A
/// test fails when an <see cref="Operation"/> is added without a row here.
/// </summary>
public static class Permissions
{
    private static readonly FrozenDictionary<Operation, string> Table = new Dictionary<Operation, string>
    {
        // Refused with NotImplemented after authorization; asking for everything keeps it from revealing more
        // to a caller than a supported request would.
        [Operation.NotImplemented] = S3Actions.All,

        [Operation.ListBuckets] = S3Actions.ListAllMyBuckets,
        [Operation.CreateBucket] = S3Actions.CreateBucket,
        [Operation.HeadBucket] = S3Actions.ListBucket,
        [Operation.DeleteBucket] = S3Actions.DeleteBucket,
        [Operation.GetBucketLocation] = S3Actions.GetBucketLocation,
        [Operation.GetBucketVersioning] = S3Actions.GetBucketVersioning,
        [Operation.ListObjects] = S3Actions.ListBucket,
        [Operation.ListObjectsV2] = S3Actions.ListBucket,
        [Operation.ListObjectVersions] = S3Actions.ListBucketVersions,
        [Operation.DeleteObjects] = S3Actions.DeleteObject,
        [Operation.PutObject] = S3Actions.PutObject,
        [Operation.PostObject] = S3Actions.PutObject,
        [Operation.CopyObject] = S3Actions.PutObject,
        [Operation.GetObject] = S3Actions.GetObject,
        [Operation.HeadObject] = S3Actions.GetObject,
        [Operation.GetObjectAttributes] = S3Actions.GetObjectAttributes,
        [Operation.DeleteObject] = S3Actions.DeleteObject,
        [Operation.CreateMultipartUpload] = S3Actions.PutObject,
        [Operation.UploadPart] = S3Actions.PutObject,
        [Operation.UploadPartCopy] = S3Actions.PutObject,
        [Operation.CompleteMultipartUpload] = S3Actions.PutObject,
        [Operation.AbortMultipartUpload] = S3Actions.AbortMultipartUpload,
        [Operation.ListMultipartUploads] = S3Actions.ListBucketMultipartUploads,
        [Operation.ListParts] = S3Actions.ListMultipartUploadParts,
        [Operation.GetBucketAcl] = S3Actions.GetBucketAcl,
        [Operation.PutBucketAcl] = S3Actions.PutBucketAcl,
        [Operation.GetObjectAcl] = S3Actions.GetObjectAcl,
        [Operation.PutObjectAcl] = S3Actions.PutObjectAcl,
        [Operation.GetBucketPolicy] = S3Actions.GetBucketPolicy,
        [Operation.PutBucketPolicy] = S3Actions.PutBucketPolicy,
        [Operation.DeleteBucketPolicy] = S3Actions.DeleteBucketPolicy,
        [Operation.GetBucketPolicyStatus] = S3Actions.GetBucketPolicyStatus,
        [Operation.GetPublicAccessBlock] = S3Actions.GetBucketPublicAccessBlock,
        [Operation.PutPublicAccessBlock] = S3Actions.PutBucketPublicAccessBlock,
        [Operation.DeletePublicAccessBlock] = S3Actions.PutBucketPublicAccessBlock,
        [Operation.GetBucketOwnershipControls] = S3Actions.GetBucketOwnershipControls,
        [Operation.PutBucketOwnershipControls] = S3Actions.PutBucketOwnershipControls,
        [Operation.DeleteBucketOwnershipControls] = S3Actions.PutBucketOwnershipControls,
        [Operation.GetBucketCors] = S3Actions.GetBucketCors,
        [Operation.PutBucketCors] = S3Actions.PutBucketCors,
        [Operation.DeleteBucketCors] = S3Actions.PutBucketCors,
        [Operation.GetObjectTagging] = S3Actions.GetObjectTagging,
        [Operation.PutObjectTagging] = S3Actions.PutObjectTagging,
        [Operation.DeleteObjectTagging] = S3Actions.DeleteObjectTagging,
        [Operation.GetBucketTagging] = S3Actions.GetBucketTagging,
        [Operation.PutBucketTagging] = S3Actions.PutBucketTagging,
        [Operation.DeleteBucketTagging] = S3Actions.PutBucketTagging,
        [Operation.GetBucketLifecycle] = S3Actions.GetLifecycleConfiguration,
        [Operation.PutBucketLifecycle] = S3Actions.PutLifecycleConfiguration,
        [Operation.DeleteBucketLifecycle] = S3Actions.PutLifecycleConfiguration,
    }.ToFrozenDictionary();

    /// <summary>The S3 action <paramref name="operation"/> needs.</summary>
    public static string ActionFor(Operation operation) =>
        Table.TryGetValue(operation, out var action)
            ? action
            : throw new ArgumentOutOfRangeException(nameof(operation), operation, "No permission is defined for this operation.");
}
