namespace Cairn.Server.Routing;

/// <summary>
/// Decides the operation from method, target and query sub-resources (SPEC.md §1, AWS API reference):
/// one explicit switch, no order-dependent route table. Unknown sub-resources map to NotImplemented.
/// </summary>
internal static class S3Router
{
    /// <summary>Bucket sub-resources Cairn does not implement yet; a request naming one gets 501.</summary>
    private static readonly string[] UnsupportedSubresources =
    [
        "acl", "policy", "policyStatus", "cors", "lifecycle", "website", "tagging", "logging", "notification",
        "replication", "encryption", "object-lock", "ownershipControls", "publicAccessBlock", "accelerate",
        "requestPayment", "analytics", "inventory", "metrics", "intelligent-tiering", "retention", "legal-hold",
        "torrent", "restore", "select", "attributes", "session",
    ];

    /// <summary>
    /// Every query parameter some supported operation understands. Any other name is a sub-resource or
    /// feature Cairn does not have, and must not fall through to a plain GET/PUT (e.g. ?renameObject).
    /// </summary>
    private static readonly HashSet<string> KnownParameters = new(StringComparer.Ordinal)
    {
        "max-buckets", "bucket-region", "list-type", "prefix", "delimiter", "marker", "max-keys", "continuation-token", "start-after", "fetch-owner",
        "encoding-type", "versions", "key-marker", "version-id-marker", "location", "versioning", "uploads",
        "upload-id-marker", "max-uploads", "delete", "uploadId", "partNumber", "part-number-marker", "max-parts",
        "versionId", "response-content-type", "response-content-language", "response-expires", "response-cache-control",
        "response-content-disposition", "response-content-encoding",
    };

    public static Operation Resolve(string method, ResourcePath target, IQueryCollection query, IHeaderDictionary headers)
    {
        if (UnsupportedSubresources.Any(query.ContainsKey) || query.Keys.Any(k => !KnownParameters.Contains(k) && !IsIgnorable(k)))
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
        "GET" when query.ContainsKey("location") => Operation.GetBucketLocation,
        "GET" when query.ContainsKey("versioning") => Operation.GetBucketVersioning,
        "GET" when query.ContainsKey("versions") => Operation.ListObjectVersions,
        "GET" when query.ContainsKey("uploads") => Operation.ListMultipartUploads,
        "GET" when query["list-type"] == "2" => Operation.ListObjectsV2,
        "GET" when query.ContainsKey("list-type") => Operation.NotImplemented,
        "GET" => Operation.ListObjects,
        "HEAD" => Operation.HeadBucket,
        "PUT" when query.Count == 0 || OnlyIgnorable(query) => Operation.CreateBucket,
        "DELETE" when query.Count == 0 || OnlyIgnorable(query) => Operation.DeleteBucket,
        "POST" when query.ContainsKey("delete") => Operation.DeleteObjects,
        _ => Operation.NotImplemented,
    };

    private static Operation ResolveObject(string method, IQueryCollection query, IHeaderDictionary headers)
    {
        var hasUploadId = query.ContainsKey("uploadId");
        return method switch
        {
            "GET" when hasUploadId => Operation.ListParts,
            "GET" => Operation.GetObject,
            "HEAD" => Operation.HeadObject,
            "PUT" when hasUploadId && query.ContainsKey("partNumber") =>
                headers.ContainsKey(Http.S3Headers.CopySource) ? Operation.UploadPartCopy : Operation.UploadPart,
            "PUT" when hasUploadId => Operation.NotImplemented,
            "PUT" => headers.ContainsKey(Http.S3Headers.CopySource) ? Operation.CopyObject : Operation.PutObject,
            "POST" when query.ContainsKey("uploads") => Operation.CreateMultipartUpload,
            "POST" when hasUploadId => Operation.CompleteMultipartUpload,
            "DELETE" when hasUploadId => Operation.AbortMultipartUpload,
            "DELETE" => Operation.DeleteObject,
            _ => Operation.NotImplemented,
        };
    }

    /// <summary>Only parameters that never change the operation are present.</summary>
    private static bool OnlyIgnorable(IQueryCollection query) => query.Keys.All(IsIgnorable);

    /// <summary>SDK telemetry (JS v3's x-id) and presigned-URL signing parameters (SigV4 X-Amz-*, SigV2).</summary>
    private static bool IsIgnorable(string name) =>
        name == "x-id" || name.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase)
        || name is "AWSAccessKeyId" or "Expires" or "Signature";
}
