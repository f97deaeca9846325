using Cairn.Core.Operations;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// Decides the operation from method, target and query sub-resources (docs/s3-compatibility.md, AWS API
/// reference): one explicit switch, no order-dependent route table. Sub-resources of missing features map to
/// NotImplemented; parameters that are no sub-resource are ignored. Owned by <see cref="S3Dialect"/>.
/// </summary>
internal sealed class S3Router : IRequestRouter
{
    /// <summary>
    /// Sub-resources of features Cairn does not implement: a request naming one answers 501, whatever else it carries
    /// (e.g. <c>PUT ?tagging</c> must never fall through to PutObject).
    /// </summary>
    private static readonly string[] UnsupportedSubresources =
    [
        "website", "logging", "notification",
        "replication", "encryption", "object-lock", "accelerate",
        "requestPayment", "analytics", "inventory", "metrics", "intelligent-tiering", "retention", "legal-hold",
        "torrent", "restore", "select", "select-type", "session", "renameObject", "metadataTable",
        "metadataConfiguration", "metadataInventoryTable", "metadataJournalTable", "abac",
    ];

    /// <summary>
    /// Decides the operation. Query parameters that are not sub-resources (SDK extras such as <c>x-id</c>, presign
    /// parameters, anything unknown) are ignored, as S3 ignores them.
    /// </summary>
    public Operation Resolve(HttpRequest request, ResourcePath target) =>
        Resolve(request.Method, target, request.Query, request.Headers);

    /// <summary>The routing rule itself, on the request's parts (the router tests replay request lines through it).</summary>
    public static Operation Resolve(string method, ResourcePath target, IQueryCollection query, IHeaderDictionary headers)
    {
        if (UnsupportedSubresources.Any(query.ContainsKey))
        {
            return Operation.NotImplemented;
        }

        if (target.Bucket is null)
        {
            return method == "GET" ? Operation.ListBuckets : Operation.NotImplemented;
        }

        return target.Key is null ? ResolveBucket(method, query) : ResolveObject(method, query, headers);
    }

    private static Operation ResolveBucket(string method, IQueryCollection query) => method switch
    {
        "GET" when query.ContainsKey("acl") => Operation.GetBucketAcl,
        "PUT" when query.ContainsKey("acl") => Operation.PutBucketAcl,
        "GET" when query.ContainsKey("policyStatus") => Operation.GetBucketPolicyStatus,
        "GET" when query.ContainsKey("policy") => Operation.GetBucketPolicy,
        "PUT" when query.ContainsKey("policy") => Operation.PutBucketPolicy,
        "DELETE" when query.ContainsKey("policy") => Operation.DeleteBucketPolicy,
        "GET" when query.ContainsKey("publicAccessBlock") => Operation.GetPublicAccessBlock,
        "PUT" when query.ContainsKey("publicAccessBlock") => Operation.PutPublicAccessBlock,
        "DELETE" when query.ContainsKey("publicAccessBlock") => Operation.DeletePublicAccessBlock,
        "GET" when query.ContainsKey("ownershipControls") => Operation.GetBucketOwnershipControls,
        "PUT" when query.ContainsKey("ownershipControls") => Operation.PutBucketOwnershipControls,
        "DELETE" when query.ContainsKey("ownershipControls") => Operation.DeleteBucketOwnershipControls,
        "GET" when query.ContainsKey("cors") => Operation.GetBucketCors,
        "PUT" when query.ContainsKey("cors") => Operation.PutBucketCors,
        "DELETE" when query.ContainsKey("cors") => Operation.DeleteBucketCors,
        "GET" when query.ContainsKey("tagging") => Operation.GetBucketTagging,
        "PUT" when query.ContainsKey("tagging") => Operation.PutBucketTagging,
        "DELETE" when query.ContainsKey("tagging") => Operation.DeleteBucketTagging,
        "GET" when query.ContainsKey("lifecycle") => Operation.GetBucketLifecycle,
        "PUT" when query.ContainsKey("lifecycle") => Operation.PutBucketLifecycle,
        "DELETE" when query.ContainsKey("lifecycle") => Operation.DeleteBucketLifecycle,
        "GET" when query.ContainsKey("location") => Operation.GetBucketLocation,
        "GET" when query.ContainsKey("versioning") => Operation.GetBucketVersioning,
        "GET" when query.ContainsKey("versions") => Operation.ListObjectVersions,
        "GET" when query.ContainsKey("uploads") => Operation.ListMultipartUploads,
        "GET" when query["list-type"] == "2" => Operation.ListObjectsV2,
        "GET" when query.ContainsKey("list-type") => Operation.NotImplemented,
        "GET" => Operation.ListObjects,
        "HEAD" => Operation.HeadBucket,
        "PUT" when !HasBucketSubresource(query) => Operation.CreateBucket,
        "DELETE" when !HasBucketSubresource(query) => Operation.DeleteBucket,
        "POST" when query.ContainsKey("delete") => Operation.DeleteObjects,

        // A browser form upload, whatever its content type: a body that is no form is refused by its handler as S3 does.
        "POST" when !HasBucketSubresource(query) => Operation.PostObject,
        _ => Operation.NotImplemented,
    };

    private static Operation ResolveObject(string method, IQueryCollection query, IHeaderDictionary headers)
    {
        var hasUploadId = query.ContainsKey("uploadId");
        return method switch
        {
            "GET" when query.ContainsKey("acl") => Operation.GetObjectAcl,
            "PUT" when query.ContainsKey("acl") => Operation.PutObjectAcl,
            "GET" when query.ContainsKey("tagging") => Operation.GetObjectTagging,
            "PUT" when query.ContainsKey("tagging") => Operation.PutObjectTagging,
            "DELETE" when query.ContainsKey("tagging") => Operation.DeleteObjectTagging,
            "GET" when hasUploadId => Operation.ListParts,
            "GET" when query.ContainsKey("attributes") => Operation.GetObjectAttributes,
            "GET" => Operation.GetObject,
            "HEAD" => Operation.HeadObject,
            "PUT" when hasUploadId && query.ContainsKey("partNumber") =>
                headers.ContainsKey(S3Headers.CopySource) ? Operation.UploadPartCopy : Operation.UploadPart,
            "PUT" when hasUploadId => Operation.NotImplemented,
            "PUT" => headers.ContainsKey(S3Headers.CopySource) ? Operation.CopyObject : Operation.PutObject,
            "POST" when query.ContainsKey("uploads") => Operation.CreateMultipartUpload,
            "POST" when hasUploadId => Operation.CompleteMultipartUpload,
            "DELETE" when hasUploadId => Operation.AbortMultipartUpload,
            "DELETE" => Operation.DeleteObject,
            _ => Operation.NotImplemented,
        };
    }

    /// <summary>A bucket sub-resource some operation answers (GET ?location...): PUT or DELETE of it is not CreateBucket/DeleteBucket.</summary>
    private static bool HasBucketSubresource(IQueryCollection query) =>
        BucketSubresources.Any(query.ContainsKey);

    /// <summary>Bucket sub-resources some operation answers; a PUT or DELETE naming one never creates or deletes the bucket.</summary>
    private static readonly string[] BucketSubresources =
    [
        "location", "versioning", "versions", "uploads", "delete", "acl", "policy", "policyStatus", "publicAccessBlock",
        "ownershipControls", "cors", "tagging", "lifecycle",
    ];
}
