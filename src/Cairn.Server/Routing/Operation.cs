namespace Cairn.Server.Routing;

/// <summary>Every operation the router can name, with AWS's operation names. Unsupported ones answer NotImplemented.</summary>
internal enum Operation
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
}
