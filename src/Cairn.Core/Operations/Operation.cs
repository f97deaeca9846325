namespace Cairn.Core.Operations;

/// <summary>
/// Every operation a dialect can route to, named after the S3 API operation it is. A dialect maps its requests onto
/// these; what is not supported answers NotImplemented.
/// </summary>
public enum Operation
{
    NotImplemented,
    ListBuckets,
    CreateBucket,
    HeadBucket,
    DeleteBucket,
    GetBucketLocation,
    GetBucketVersioning,
    ListObjects,
    ListObjectsV2,
    ListObjectVersions,
    DeleteObjects,
    PutObject,

    /// <summary>A browser form upload: authenticated by its form fields, which the handler reads first.</summary>
    PostObject,
    CopyObject,
    GetObject,
    HeadObject,
    GetObjectAttributes,
    DeleteObject,
    CreateMultipartUpload,
    UploadPart,
    UploadPartCopy,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListMultipartUploads,
    ListParts,
    GetBucketAcl,
    PutBucketAcl,
    GetObjectAcl,
    PutObjectAcl,
    GetBucketPolicy,
    PutBucketPolicy,
    DeleteBucketPolicy,
    GetBucketPolicyStatus,
    GetPublicAccessBlock,
    PutPublicAccessBlock,
    DeletePublicAccessBlock,
    GetBucketOwnershipControls,
    PutBucketOwnershipControls,
    DeleteBucketOwnershipControls,
    GetBucketCors,
    PutBucketCors,
    DeleteBucketCors,
}
