using Cairn.Core.Operations;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Cairn.Server.Tests.Dialects.S3;

/// <summary>
/// Request lines from the AWS S3 API reference ("Request Syntax" of each API_&lt;Operation&gt; page) and the
/// variants SDKs actually send (x-id, presigned query parameters), each with the operation it names.
/// </summary>
public class S3RouterTests
{
    private const string PresignV4 =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240501%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20240501T120000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=abc123";

    private const string PresignV2 = "AWSAccessKeyId=AKID&Expires=1714564800&Signature=abc%3D";

    /// <summary>method, target (path?query), headers ("name: value" lines), expected operation name.</summary>
    public static TheoryData<string, string, string, string> Requests => new()
    {
        // Service
        { "GET", "/", "", nameof(Operation.ListBuckets) },
        { "GET", "/?x-id=ListBuckets", "", nameof(Operation.ListBuckets) },
        { "GET", "/?max-buckets=10&prefix=a", "", nameof(Operation.ListBuckets) },
        { "PUT", "/", "", nameof(Operation.NotImplemented) },
        { "DELETE", "/", "", nameof(Operation.NotImplemented) },

        // Buckets
        { "PUT", "/b", "", nameof(Operation.CreateBucket) },
        { "PUT", "/b/", "", nameof(Operation.CreateBucket) },
        { "PUT", "/b?x-id=CreateBucket", "", nameof(Operation.CreateBucket) },
        { "HEAD", "/b", "", nameof(Operation.HeadBucket) },
        { "DELETE", "/b", "", nameof(Operation.DeleteBucket) },
        { "DELETE", "/b?x-id=DeleteBucket", "", nameof(Operation.DeleteBucket) },
        { "GET", "/b?location", "", nameof(Operation.GetBucketLocation) },
        { "GET", "/b?location&x-id=GetBucketLocation", "", nameof(Operation.GetBucketLocation) },
        { "GET", "/b?versioning", "", nameof(Operation.GetBucketVersioning) },
        { "PUT", "/b?versioning", "", nameof(Operation.NotImplemented) },

        // Listing
        { "GET", "/b", "", nameof(Operation.ListObjects) },
        { "GET", "/b?prefix=photos%2F&delimiter=%2F&marker=a&max-keys=2", "", nameof(Operation.ListObjects) },
        { "GET", "/b?encoding-type=url", "", nameof(Operation.ListObjects) },
        { "GET", "/b?list-type=2", "", nameof(Operation.ListObjectsV2) },
        { "GET", "/b?list-type=2&prefix=a&delimiter=%2F&continuation-token=t&start-after=x&fetch-owner=true", "", nameof(Operation.ListObjectsV2) },
        { "GET", "/b?list-type=2&x-id=ListObjectsV2", "", nameof(Operation.ListObjectsV2) },
        { "GET", "/b?versions", "", nameof(Operation.ListObjectVersions) },
        { "GET", "/b?versions&prefix=a&key-marker=k&version-id-marker=null", "", nameof(Operation.ListObjectVersions) },
        { "GET", "/b?uploads", "", nameof(Operation.ListMultipartUploads) },
        { "GET", "/b?uploads&prefix=a&key-marker=k&upload-id-marker=u&max-uploads=3", "", nameof(Operation.ListMultipartUploads) },

        // DeleteObjects
        { "POST", "/b?delete", "Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==", nameof(Operation.DeleteObjects) },
        { "POST", "/b?delete&x-id=DeleteObjects", "", nameof(Operation.DeleteObjects) },
        { "POST", "/b?delete=", "", nameof(Operation.DeleteObjects) },
        { "POST", "/b", "Content-Type: multipart/form-data; boundary=x", nameof(Operation.PostObject) },
        { "POST", "/b/", "Content-Type: multipart/form-data; boundary=x", nameof(Operation.PostObject) },
        { "POST", "/b", "Content-Type: text/plain", nameof(Operation.PostObject) },
        { "POST", "/b?uploads", "", nameof(Operation.NotImplemented) },

        // Objects
        { "PUT", "/b/k", "", nameof(Operation.PutObject) },
        { "PUT", "/b/k?x-id=PutObject", "", nameof(Operation.PutObject) },
        { "PUT", "/b/dir/sub/file.txt", "Content-Type: text/plain", nameof(Operation.PutObject) },
        { "PUT", "/b/k", "x-amz-copy-source: /src/key", nameof(Operation.CopyObject) },
        { "PUT", "/b/k?x-id=CopyObject", "x-amz-copy-source: src/key%20x\nx-amz-metadata-directive: REPLACE", nameof(Operation.CopyObject) },
        { "GET", "/b/k", "", nameof(Operation.GetObject) },
        { "GET", "/b/k?x-id=GetObject", "", nameof(Operation.GetObject) },
        { "GET", "/b/k?partNumber=2", "", nameof(Operation.GetObject) },
        { "GET", "/b/k?versionId=null", "", nameof(Operation.GetObject) },
        { "GET", "/b/k?response-content-type=text%2Fplain&response-cache-control=no-cache", "", nameof(Operation.GetObject) },
        { "GET", "/b/k", "Range: bytes=0-9", nameof(Operation.GetObject) },
        { "HEAD", "/b/k", "", nameof(Operation.HeadObject) },
        { "HEAD", "/b/k?partNumber=1", "", nameof(Operation.HeadObject) },
        { "DELETE", "/b/k", "", nameof(Operation.DeleteObject) },
        { "DELETE", "/b/k?versionId=null&x-id=DeleteObject", "", nameof(Operation.DeleteObject) },

        // Multipart
        { "POST", "/b/k?uploads", "", nameof(Operation.CreateMultipartUpload) },
        { "POST", "/b/k?uploads=", "", nameof(Operation.CreateMultipartUpload) },
        { "POST", "/b/k?uploads&x-id=CreateMultipartUpload", "x-amz-checksum-algorithm: CRC32", nameof(Operation.CreateMultipartUpload) },
        { "PUT", "/b/k?partNumber=1&uploadId=x", "", nameof(Operation.UploadPart) },
        { "PUT", "/b/k?uploadId=x&partNumber=10000&x-id=UploadPart", "", nameof(Operation.UploadPart) },
        { "PUT", "/b/k?partNumber=1&uploadId=x", "x-amz-copy-source: src/key", nameof(Operation.UploadPartCopy) },
        { "PUT", "/b/k?partNumber=2&uploadId=x&x-id=UploadPartCopy", "x-amz-copy-source: /src/key\nx-amz-copy-source-range: bytes=0-9", nameof(Operation.UploadPartCopy) },
        { "POST", "/b/k?uploadId=x", "", nameof(Operation.CompleteMultipartUpload) },
        { "POST", "/b/k?uploadId=x&x-id=CompleteMultipartUpload", "", nameof(Operation.CompleteMultipartUpload) },
        { "DELETE", "/b/k?uploadId=x", "", nameof(Operation.AbortMultipartUpload) },
        { "DELETE", "/b/k?uploadId=x&x-id=AbortMultipartUpload", "", nameof(Operation.AbortMultipartUpload) },
        { "GET", "/b/k?uploadId=x", "", nameof(Operation.ListParts) },
        { "GET", "/b/k?uploadId=x&max-parts=2&part-number-marker=1&x-id=ListParts", "", nameof(Operation.ListParts) },
        { "PUT", "/b/k?uploadId=x", "", nameof(Operation.NotImplemented) },

        // Presigned URLs carry their signature in the query; it never changes the operation.
        { "GET", "/b/k?" + PresignV4, "", nameof(Operation.GetObject) },
        { "PUT", "/b/k?" + PresignV4, "", nameof(Operation.PutObject) },
        { "PUT", "/b/k?partNumber=1&uploadId=x&" + PresignV4, "", nameof(Operation.UploadPart) },
        { "GET", "/b?list-type=2&" + PresignV4, "", nameof(Operation.ListObjectsV2) },
        { "PUT", "/b?" + PresignV4, "", nameof(Operation.CreateBucket) },
        { "DELETE", "/b?" + PresignV4, "", nameof(Operation.DeleteBucket) },
        { "PUT", "/b?" + PresignV4 + "&X-Amz-Security-Token=tok", "", nameof(Operation.CreateBucket) },
        { "PUT", "/b?" + PresignV2, "", nameof(Operation.CreateBucket) },
        { "DELETE", "/b?" + PresignV2, "", nameof(Operation.DeleteBucket) },

        // Access control sub-resources
        { "GET", "/b?acl", "", nameof(Operation.GetBucketAcl) },
        { "PUT", "/b?acl", "x-amz-acl: private", nameof(Operation.PutBucketAcl) },
        { "GET", "/b/k?acl", "", nameof(Operation.GetObjectAcl) },
        { "PUT", "/b/k?acl", "x-amz-acl: public-read", nameof(Operation.PutObjectAcl) },
        { "GET", "/b?ownershipControls", "", nameof(Operation.GetBucketOwnershipControls) },
        { "PUT", "/b?ownershipControls", "", nameof(Operation.PutBucketOwnershipControls) },
        { "DELETE", "/b?ownershipControls", "", nameof(Operation.DeleteBucketOwnershipControls) },
        { "GET", "/b?publicAccessBlock", "", nameof(Operation.GetPublicAccessBlock) },
        { "PUT", "/b?publicAccessBlock", "", nameof(Operation.PutPublicAccessBlock) },
        { "DELETE", "/b?publicAccessBlock", "", nameof(Operation.DeletePublicAccessBlock) },

        { "GET", "/b?policy", "", nameof(Operation.GetBucketPolicy) },
        { "PUT", "/b?policy", "", nameof(Operation.PutBucketPolicy) },
        { "DELETE", "/b?policy", "", nameof(Operation.DeleteBucketPolicy) },
        { "GET", "/b?policyStatus", "", nameof(Operation.GetBucketPolicyStatus) },
        { "GET", "/b?cors", "", nameof(Operation.GetBucketCors) },
        { "PUT", "/b?cors", "", nameof(Operation.PutBucketCors) },
        { "DELETE", "/b?cors", "", nameof(Operation.DeleteBucketCors) },
        { "GET", "/b?lifecycle", "", nameof(Operation.GetBucketLifecycle) },
        { "PUT", "/b?lifecycle", "", nameof(Operation.PutBucketLifecycle) },
        { "GET", "/b?tagging", "", nameof(Operation.GetBucketTagging) },
        { "PUT", "/b?tagging", "", nameof(Operation.PutBucketTagging) },
        { "GET", "/b/k?tagging", "", nameof(Operation.GetObjectTagging) },
        { "PUT", "/b/k?tagging", "", nameof(Operation.PutObjectTagging) },
        { "DELETE", "/b/k?tagging", "", nameof(Operation.DeleteObjectTagging) },
        { "DELETE", "/b?tagging", "", nameof(Operation.DeleteBucketTagging) },
        { "DELETE", "/b?lifecycle", "", nameof(Operation.DeleteBucketLifecycle) },

        // Unsupported sub-resources
        { "GET", "/b?website", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b?website", "", nameof(Operation.NotImplemented) },
        { "DELETE", "/b?website", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?logging", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?notification", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?replication", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?encryption", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?object-lock", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?accelerate", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?requestPayment", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?analytics&id=a", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?inventory&id=i", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?metrics&id=m", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?intelligent-tiering&id=t", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?metadataTable", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?metadataConfiguration", "", nameof(Operation.NotImplemented) },
        { "GET", "/b?session", "", nameof(Operation.NotImplemented) },
        { "GET", "/b/k?retention", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b/k?legal-hold", "", nameof(Operation.NotImplemented) },
        { "GET", "/b/k?torrent", "", nameof(Operation.NotImplemented) },
        { "GET", "/b/k?attributes", "x-amz-object-attributes: ETag", nameof(Operation.GetObjectAttributes) },
        { "GET", "/b/k?attributes&versionId=null", "x-amz-object-attributes: ObjectParts", nameof(Operation.GetObjectAttributes) },
        { "POST", "/b/k?restore", "", nameof(Operation.NotImplemented) },
        { "POST", "/b/k?select&select-type=2", "", nameof(Operation.NotImplemented) },
        { "PUT", "/b/k?renameObject", "x-amz-rename-source: /b/old", nameof(Operation.NotImplemented) },

        // Parameters that are no sub-resource are ignored, as S3 ignores them
        { "GET", "/b/k?x=1", "", nameof(Operation.GetObject) },
        { "PUT", "/b/k?foo=bar&x-id=PutObject", "", nameof(Operation.PutObject) },
        { "PUT", "/b?x=1", "", nameof(Operation.CreateBucket) },
        { "DELETE", "/b?x=1", "", nameof(Operation.DeleteBucket) },
        { "GET", "/b?unknown-extra=1", "", nameof(Operation.ListObjects) },
        { "DELETE", "/b/k?x=1", "", nameof(Operation.DeleteObject) },
        { "PUT", "/b?location", "", nameof(Operation.NotImplemented) },
        { "DELETE", "/b?uploads", "", nameof(Operation.NotImplemented) },

        // Methods that name nothing
        { "POST", "/b/k", "", nameof(Operation.NotImplemented) },
        { "PATCH", "/b/k", "", nameof(Operation.NotImplemented) },
        { "OPTIONS", "/b", "", nameof(Operation.NotImplemented) },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_line_from_the_API_reference_resolves_to_its_operation(string method, string target, string headers, string expected)
    {
        Assert.Equal(expected, Resolve(method, target, headers).ToString());
    }

    [Fact]
    public void Every_operation_is_reachable_from_at_least_one_request_line()
    {
        var reached = Requests.Select(row => Resolve((string)row[0], (string)row[1], (string)row[2])).ToHashSet();

        var unreachable = Enum.GetValues<Operation>()
            .Where(operation => operation != Operation.NotImplemented && !reached.Contains(operation))
            .ToList();

        Assert.Empty(unreachable);
    }

    [Theory]
    [InlineData("x-amz-copy-source")]
    [InlineData("X-Amz-Copy-Source")]
    public void The_copy_source_header_name_is_case_insensitive(string headerName)
    {
        Assert.Equal(Operation.CopyObject, Resolve("PUT", "/b/k", headerName + ": src/key"));
    }

    [Fact]
    public void A_virtual_hosted_request_routes_like_its_path_style_twin()
    {
        var target = new ResourcePath("b", "k", VirtualHosted: true);
        var query = new QueryCollection(QueryHelpers.ParseQuery("?uploads"));

        Assert.Equal(Operation.CreateMultipartUpload, S3Router.Resolve("POST", target, query, new HeaderDictionary()));
    }

    private static Operation Resolve(string method, string target, string headerLines)
    {
        var questionMark = target.IndexOf('?');
        var path = questionMark < 0 ? target : target[..questionMark];
        var queryString = questionMark < 0 ? string.Empty : target[questionMark..];

        // Path-style split kept independent of ResourcePath so a parsing bug cannot hide a routing bug.
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
        return S3Router.Resolve(method, new ResourcePath(bucket, key, VirtualHosted: false), query, headers);
    }
}
