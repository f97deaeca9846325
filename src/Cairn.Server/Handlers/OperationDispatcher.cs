using Cairn.Core.Operations;
using Cairn.Core.Errors;
using Cairn.Server.Pipeline;
using Cairn.Server.Routing;

namespace Cairn.Server.Handlers;

/// <summary>Maps each routed operation to its handler method.</summary>
internal sealed class OperationDispatcher(
    BucketHandlers buckets,
    ObjectHandlers objects,
    PostObjectHandler posts,
    CopyHandlers copies,
    DeleteObjectsHandler batchDelete,
    ListingHandlers listing,
    MultipartHandlers multipart,
    MultipartListingHandlers multipartListing,
    ObjectAttributesHandler attributes,
    BucketPolicyHandlers bucketPolicies,
    AclHandlers acls,
    BucketControlsHandlers controls,
    CorsHandlers cors,
    LifecycleHandlers lifecycle)
{
    public Task DispatchAsync(OperationRequest r) => r.Operation switch
    {
        Operation.ListBuckets => buckets.ListBucketsAsync(r),
        Operation.CreateBucket => buckets.CreateBucketAsync(r),
        Operation.HeadBucket => buckets.HeadBucketAsync(r),
        Operation.DeleteBucket => buckets.DeleteBucketAsync(r),
        Operation.GetBucketLocation => buckets.GetBucketLocationAsync(r),
        Operation.GetBucketVersioning => buckets.GetBucketVersioningAsync(r),
        Operation.ListObjects => listing.ListObjectsAsync(r),
        Operation.ListObjectsV2 => listing.ListObjectsV2Async(r),
        Operation.ListObjectVersions => listing.ListObjectVersionsAsync(r),
        Operation.DeleteObjects => batchDelete.DeleteObjectsAsync(r),
        Operation.PutObject => objects.PutObjectAsync(r),
        Operation.PostObject => posts.PostObjectAsync(r),
        Operation.GetObject => objects.GetObjectAsync(r),
        Operation.HeadObject => objects.HeadObjectAsync(r),
        Operation.GetObjectAttributes => attributes.GetObjectAttributesAsync(r),
        Operation.DeleteObject => objects.DeleteObjectAsync(r),
        Operation.CopyObject => copies.CopyObjectAsync(r),
        Operation.CreateMultipartUpload => multipart.CreateMultipartUploadAsync(r),
        Operation.UploadPart => multipart.UploadPartAsync(r),
        Operation.UploadPartCopy => multipart.UploadPartCopyAsync(r),
        Operation.CompleteMultipartUpload => multipart.CompleteMultipartUploadAsync(r),
        Operation.AbortMultipartUpload => multipart.AbortMultipartUploadAsync(r),
        Operation.ListMultipartUploads => multipartListing.ListMultipartUploadsAsync(r),
        Operation.ListParts => multipartListing.ListPartsAsync(r),
        Operation.GetBucketPolicy => bucketPolicies.GetBucketPolicyAsync(r),
        Operation.PutBucketPolicy => bucketPolicies.PutBucketPolicyAsync(r),
        Operation.DeleteBucketPolicy => bucketPolicies.DeleteBucketPolicyAsync(r),
        Operation.GetBucketPolicyStatus => bucketPolicies.GetBucketPolicyStatusAsync(r),
        Operation.GetBucketAcl => acls.GetBucketAclAsync(r),
        Operation.PutBucketAcl => acls.PutBucketAclAsync(r),
        Operation.GetObjectAcl => acls.GetObjectAclAsync(r),
        Operation.PutObjectAcl => acls.PutObjectAclAsync(r),
        Operation.GetBucketOwnershipControls => controls.GetOwnershipControlsAsync(r),
        Operation.PutBucketOwnershipControls => controls.PutOwnershipControlsAsync(r),
        Operation.DeleteBucketOwnershipControls => controls.DeleteOwnershipControlsAsync(r),
        Operation.GetPublicAccessBlock => controls.GetPublicAccessBlockAsync(r),
        Operation.PutPublicAccessBlock => controls.PutPublicAccessBlockAsync(r),
        Operation.DeletePublicAccessBlock => controls.DeletePublicAccessBlockAsync(r),
        Operation.PutBucketCors => cors.PutBucketCorsAsync(r),
        Operation.GetBucketCors => cors.GetBucketCorsAsync(r),
        Operation.DeleteBucketCors => cors.DeleteBucketCorsAsync(r),
        Operation.PutBucketLifecycle => lifecycle.PutBucketLifecycleAsync(r),
        Operation.GetBucketLifecycle => lifecycle.GetBucketLifecycleAsync(r),
        Operation.DeleteBucketLifecycle => lifecycle.DeleteBucketLifecycleAsync(r),
        _ => throw new CairnException(ErrorCode.NotImplemented, $"{r.Operation} is not implemented yet."),
    };
}
