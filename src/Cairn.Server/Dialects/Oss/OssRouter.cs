using Cairn.Core.Operations;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// Decides the operation of an OSS request from method, target, query sub-resources and x-oss-* headers
/// (docs/oss-compatibility.md "Operations"): one explicit switch, like the S3 dialect's. Sub-resources of OSS features
/// Cairn lacks answer NotImplemented whatever else the request carries (a <c>PUT ?tagging</c> or <c>POST ?append</c>
/// must never fall through to a write); parameters that are no sub-resource are ignored, as OSS ignores them.
/// </summary>
internal sealed class OssRouter : IRequestRouter
{
    /// <summary>
    /// Sub-resources (and processing parameters) of OSS features Cairn does not implement. Bucket policies are among
    /// them: OSS's policy language (oss:* actions, acs:oss resources) is not the one Cairn evaluates
    /// (docs/oss-compatibility.md "Operations"); the S3 dialect reads and writes them.
    /// </summary>
    private static readonly string[] UnsupportedSubresources =
    [
        "website", "logging", "referer", "replication", "replicationProgress",
        "replicationLocation", "encryption", "worm", "wormId", "wormExtend", "symlink", "append", "restore",
        "x-oss-process", "x-oss-async-process", "bucketInfo", "stat", "regionList", "cname", "live", "vod", "img",
        "style", "styleName", "qos", "qosInfo", "inventory", "inventoryId", "requestPayment", "transferAcceleration",
        "asyncFetch", "metaQuery", "resourceGroup", "rtc", "comp", "httpsConfig", "responseHeader", "accessPoint",
        "publicAccessBlock", "ownershipControls", "policy", "cleanRestoredObject", "dataRedundancyTransition", "userDefinedLogFieldsConfig",
    ];

    /// <summary>Bucket sub-resources some operation answers: a PUT, DELETE or POST naming one never creates, deletes or uploads.</summary>
    private static readonly string[] BucketSubresources =
        ["location", "versioning", "versions", "uploads", "delete", "acl", "policyStatus", "cors", "tagging", "lifecycle"];

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

        // OSS's form upload: a POST to the bucket naming no sub-resource; a body that is no form is refused by its handler.
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

            // GetObjectMeta is a HEAD whose answer is a subset of HeadObject's headers; OSS has no GET form of it.
            "GET" when query.ContainsKey("objectMeta") => Operation.NotImplemented,
            "GET" => Operation.GetObject,
            "HEAD" => Operation.HeadObject,
            "PUT" when hasUploadId && query.ContainsKey("partNumber") =>
                headers.ContainsKey(OssHeaders.CopySource) ? Operation.UploadPartCopy : Operation.UploadPart,
            "PUT" when hasUploadId => Operation.NotImplemented,
            "PUT" => headers.ContainsKey(OssHeaders.CopySource) ? Operation.CopyObject : Operation.PutObject,
            "POST" when query.ContainsKey("uploads") => Operation.CreateMultipartUpload,
            "POST" when hasUploadId => Operation.CompleteMultipartUpload,
            "DELETE" when hasUploadId => Operation.AbortMultipartUpload,
            "DELETE" => Operation.DeleteObject,
            _ => Operation.NotImplemented,
        };
    }

    private static bool HasBucketSubresource(IQueryCollection query) => BucketSubresources.Any(query.ContainsKey);
}
