namespace Cairn.Server.Dialects.S3;

/// <summary>S3 header names (docs/s3-compatibility.md). Outside <c>Dialects/</c> no code names an x-amz-* header.</summary>
internal static class S3Headers
{
    public const string Prefix = "x-amz-";
    public const string MetaPrefix = "x-amz-meta-";
    public const string RequestId = "x-amz-request-id";
    public const string HostId = "x-amz-id-2";
    public const string ChecksumPrefix = "x-amz-checksum-";
    public const string ChecksumAlgorithm = "x-amz-checksum-algorithm";
    public const string SdkChecksumAlgorithm = "x-amz-sdk-checksum-algorithm";
    public const string ChecksumMode = "x-amz-checksum-mode";
    public const string ChecksumType = "x-amz-checksum-type";
    public const string Trailer = "x-amz-trailer";
    public const string CopySource = "x-amz-copy-source";
    public const string CopySourceRange = "x-amz-copy-source-range";
    public const string CopySourceIfMatch = "x-amz-copy-source-if-match";
    public const string CopySourceIfNoneMatch = "x-amz-copy-source-if-none-match";
    public const string CopySourceIfModifiedSince = "x-amz-copy-source-if-modified-since";
    public const string CopySourceIfUnmodifiedSince = "x-amz-copy-source-if-unmodified-since";
    public const string MetadataDirective = "x-amz-metadata-directive";
    public const string StorageClass = "x-amz-storage-class";
    public const string VersionId = "x-amz-version-id";
    public const string DeleteMarker = "x-amz-delete-marker";
    public const string MpPartsCount = "x-amz-mp-parts-count";
    public const string BucketRegion = "x-amz-bucket-region";
    public const string ObjectAttributes = "x-amz-object-attributes";
    public const string MaxParts = "x-amz-max-parts";
    public const string PartNumberMarker = "x-amz-part-number-marker";
    public const string Acl = "x-amz-acl";
    public const string Tagging = "x-amz-tagging";
    public const string GrantRead = "x-amz-grant-read";
    public const string GrantWrite = "x-amz-grant-write";
    public const string GrantReadAcp = "x-amz-grant-read-acp";
    public const string GrantWriteAcp = "x-amz-grant-write-acp";
    public const string GrantFullControl = "x-amz-grant-full-control";
    public const string ObjectOwnership = "x-amz-object-ownership";

    /// <summary>Request headers offered as s3:&lt;header&gt; keys when present.</summary>
    public static readonly string[] PolicyConditionHeaders =
    [
        Acl, Auth.AuthHeaders.AmzContentSha256, CopySource, MetadataDirective, StorageClass, "x-amz-server-side-encryption",
        GrantRead, GrantWrite, GrantReadAcp, GrantWriteAcp, GrantFullControl, ObjectOwnership,
    ];
}
