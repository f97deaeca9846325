using Cairn.Core.Operations;
using Cairn.Server.Dialects.Oss;
using Cairn.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>
/// Request lines of the OSS API reference and of what ali-oss and the OSS SDKs send, each with the operation it names.
/// </summary>
public class OssRouterTests
{
    private const string SignedUrlV1 = "OSSAccessKeyId=AKID&Expires=1714564800&Signature=abc%3D";

    private const string SignedUrlV4 =
        "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=AKID%2F20240501%2Fcn-hangzhou%2Foss%2Faliyun_v4_request"
        + "&x-oss-date=20240501T120000Z&x-oss-expires=900&x-oss-signature=abc123";

    /// <summary>method, target (path?query), headers ("name: value" lines), expected operation name.</summary>
    public static TheoryData<string, string, string, string> Requests => new()
    {
        // Service
        { "GET", "/", "", nameof(Operation.ListBuckets) },
        { "GET", "/?prefix=a&marker=b&max-keys=10", "", nameof(Operation.ListBuckets) },
        { "GET", "/?regionList", "", nameof(Operation.NotImplemented) },
        { "PUT", "/", "", nameof(Operation.NotImplemented) },

        // Buckets
        { "PUT", "/b", "x-oss-acl: private", nameof(Operation.CreateBucket) },
        { "PUT", "/b/", "", nameof(Operation.CreateBucket) },
        { "HEAD", "/b", "", nameof(Operation.HeadBucket) },
        { "DELETE", "/b", "", nameof(Operation.DeleteBucket) },
        { "GET", "/b?location", "", nameof(Operation.GetBucketLocation) },
        { "GET", "/b?versioning", "", nameof(Operation.GetBucketVersioning) },
        { "PUT", "/b?versioning", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?bucketInfo", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?stat", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b?location", "", nameof(Operation.NotImplemented) },

        // Listing
        { "GET", "/b", "", nameof(Operation.ListObjects) },
        { "GET", "/b?prefix=a%2F&delimiter=%2F&marker=m&max-keys=2&encoding-type=url", "", nameof(Operation.ListObjects) },
        { "GET", "/b?list-type=2", "", nameof(Operation.ListObjectsV2) },
        { "GET", "/b?list-type=2&continuation-token=t&start-after=a&fetch-owner=true", "", nameof(Operation.ListObjectsV2) },
        { "GET", "/b?list-type=3", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?versions", "", nameof(Operation.ListObjectVersions) },
        { "GET", "/b?uploads", "", nameof(Operation.ListMultipartUploads) },
        { "GET", "/b?uploads&prefix=a&key-marker=k&upload-id-marker=u&max-uploads=3&encoding-type=url", "", nameof(Operation.ListMultipartUploads) },

        // DeleteObjects and form uploads
        { "POST", "/b?delete", "Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==", nameof(Operation.DeleteObjects) },
        { "POST", "/b?delete=&encoding-type=url", "", nameof(Operation.DeleteObjects) },
        { "POST", "/b", "Content-Type: multipart/form-data; boundary=x", nameof(Operation.PostObject) },
        { "POST", "/b/", "Content-Type: multipart/form-data; boundary=x", nameof(Operation.PostObject) },
        { "POST", "/b?uploads", "", nameof(Operation.NotImplemented) },

        // Objects
        { "PUT", "/b/k", "", nameof(Operation.PutObject) },
        { "PUT", "/b/dir/sub/file.txt", "Content-Type: text/plain\nx-oss-forbid-overwrite: true", nameof(Operation.PutObject) },
        { "PUT", "/b/k", "x-oss-copy-source: /src/key", nameof(Operation.CopyObject) },
        { "PUT", "/b/k", "X-Oss-Copy-Source: /src/a%20b\nx-oss-metadata-directive: REPLACE", nameof(Operation.CopyObject) },
        { "PUT", "/b/k", "x-amz-copy-source: /src/key", nameof(Operation.PutObject) },
        { "GET", "/b/k", "", nameof(Operation.GetObject) },
        { "GET", "/b/k?response-content-type=text%2Fplain&response-cache-control=no-cache", "", nameof(Operation.GetObject) },
        { "GET", "/b/k", "Range: bytes=0-9", nameof(Operation.GetObject) },
        { "HEAD", "/b/k", "", nameof(Operation.HeadObject) },
        { "HEAD", "/b/k?objectMeta", "", nameof(Operation.HeadObject) },
        { "GET", "/b/k?objectMeta", "", nameof(Operation.NotImplemented) },
        { "DELETE", "/b/k", "", nameof(Operation.DeleteObject) },

        // Multipart
        { "POST", "/b/k?uploads", "x-oss-forbid-overwrite: true", nameof(Operation.CreateMultipartUpload) },
        { "POST", "/b/k?uploads&encoding-type=url", "", nameof(Operation.CreateMultipartUpload) },
        { "PUT", "/b/k?partNumber=1&uploadId=x", "", nameof(Operation.UploadPart) },
        { "PUT", "/b/k?partNumber=1&uploadId=x", "x-oss-copy-source: /src/key\nx-oss-copy-source-range: bytes=0-9", nameof(Operation.UploadPartCopy) },
        { "PUT", "/b/k?uploadId=x", "", nameof(Operation.NotImplemented) },
        { "POST", "/b/k?uploadId=x", "", nameof(Operation.CompleteMultipartUpload) },
        { "POST", "/b/k?uploadId=x&encoding-type=url", "x-oss-complete-all: yes", nameof(Operation.CompleteMultipartUpload) },
        { "DELETE", "/b/k?uploadId=x", "", nameof(Operation.AbortMultipartUpload) },
        { "GET", "/b/k?uploadId=x&max-parts=2&part-number-marker=1", "", nameof(Operation.ListParts) },

        // Signed URLs carry their signature in the query; it never changes the operation.
        { "GET", "/b/k?" + SignedUrlV1, "", nameof(Operation.GetObject) },
        { "PUT", "/b/k?" + SignedUrlV1 + "&security-token=t", "", nameof(Operation.PutObject) },
        { "GET", "/b/k?" + SignedUrlV4, "", nameof(Operation.GetObject) },
        { "PUT", "/b/k?partNumber=1&uploadId=x&" + SignedUrlV4, "", nameof(Operation.UploadPart) },

        // Access control and policies
        { "GET", "/b?acl", "", nameof(Operation.GetBucketAcl) },
        { "PUT", "/b?acl", "x-oss-acl: public-read", nameof(Operation.PutBucketAcl) },
        { "GET", "/b/k?acl", "", nameof(Operation.GetObjectAcl) },
        { "PUT", "/b/k?acl", "x-oss-object-acl: default", nameof(Operation.PutObjectAcl) },
        { "GET", "/b?policy", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b?policy", "", nameof(Operation.NotImplemented) },
        { "DELETE", "/b?policy", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?policyStatus", "", nameof(Operation.GetBucketPolicyStatus) },
        { "GET", "/b?cors", "", nameof(Operation.GetBucketCors) },
        { "PUT", "/b?cors", "", nameof(Operation.PutBucketCors) },
        { "DELETE", "/b?cors", "", nameof(Operation.DeleteBucketCors) },
        { "GET", "/b?lifecycle", "", nameof(Operation.GetBucketLifecycle) },
        { "PUT", "/b?lifecycle", "", nameof(Operation.PutBucketLifecycle) },
        { "GET", "/b?tagging", "", nameof(Operation.GetBucketTagging) },
        { "PUT", "/b?tagging", "", nameof(Operation.PutBucketTagging) },
        { "DELETE", "/b/k?tagging", "", nameof(Operation.DeleteObjectTagging) },
        { "PUT", "/b/k?tagging", "", nameof(Operation.PutObjectTagging) },
        { "GET", "/b/k?tagging", "", nameof(Operation.GetObjectTagging) },
        { "DELETE", "/b?tagging", "", nameof(Operation.DeleteBucketTagging) },
        { "DELETE", "/b?lifecycle", "", nameof(Operation.DeleteBucketLifecycle) },
        { "GET", "/b?publicAccessBlock", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?ownershipControls", "", nameof(Operation.NotImplemented) },

        // Features Cairn lacks: never a read or a write of something else
        { "PUT", "/b?website", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b?logging", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b?referer", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b?replication&comp=add", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b?encryption", "", nameof(Operation.NotImplemented) },
        { "POST", "/b?worm", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b/k?symlink", "x-oss-symlink-target: t", nameof(Operation.NotImplemented) },
        { "GET", "/b/k?symlink", "", nameof(Operation.NotImplemented) },
        { "POST", "/b/k?append&position=0", "", nameof(Operation.NotImplemented) },
        { "POST", "/b/k?restore", "", nameof(Operation.NotImplemented) },
        { "GET", "/b/k?x-oss-process=image/resize,w_100", "", nameof(Operation.NotImplemented) },
        { "POST", "/b/k?x-oss-process", "", nameof(Operation.NotImplemented) },

        // Parameters that are no sub-resource are ignored; methods that name nothing are refused.
        { "GET", "/b/k?x=1", "", nameof(Operation.GetObject) },
        { "PUT", "/b?x=1", "", nameof(Operation.CreateBucket) },
        { "POST", "/b/k", "", nameof(Operation.NotImplemented) },
        { "PATCH", "/b/k", "", nameof(Operation.NotImplemented) },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void An_OSS_request_line_resolves_to_its_operation(string method, string target, string headers, string expected)
    {
        Assert.Equal(expected, Resolve(method, target, headers).ToString());
    }

    [Fact]
    public void A_virtual_hosted_request_routes_like_its_path_style_twin()
    {
        var target = new ResourcePath("b", "k", VirtualHosted: true);
        var query = new QueryCollection(QueryHelpers.ParseQuery("?uploads"));

        Assert.Equal(Operation.CreateMultipartUpload, OssRouter.Resolve("POST", target, query, new HeaderDictionary()));
    }

    private static Operation Resolve(string method, string target, string headerLines)
    {
        var questionMark = target.IndexOf('?');
        var path = questionMark < 0 ? target : target[..questionMark];
        var queryString = questionMark < 0 ? string.Empty : target[questionMark..];

        var rest = path.TrimStart('/');
        var slash = rest.IndexOf('/');
        var bucket = rest.Length == 0 ? null : slash < 0 ? rest : rest[..slash];
        var key = slash < 0 || slash == rest.Length - 1 ? null : rest[(slash + 1)..];

        var headers = new HeaderDictionary();
        foreach (var line in headerLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            headers.Append(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }

        var query = new QueryCollection(QueryHelpers.ParseQuery(queryString));
        return OssRouter.Resolve(method, new ResourcePath(bucket, key, VirtualHosted: false), query, headers);
    }
}
