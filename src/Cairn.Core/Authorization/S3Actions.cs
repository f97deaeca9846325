namespace Cairn.Core.Authorization;

/// <summary>
/// The permission names policies speak of, spelled as in S3 bucket policies and IAM so that a policy document
/// written for S3 means the same here.
/// </summary>
public static class S3Actions
{
    /// <summary>Every S3 action: what a request Cairn cannot name would need.</summary>
    public const string All = "s3:*";

    public const string ListAllMyBuckets = "s3:ListAllMyBuckets";
    public const string CreateBucket = "s3:CreateBucket";
    public const string DeleteBucket = "s3:DeleteBucket";
    public const string ListBucket = "s3:ListBucket";
    public const string GetBucketLocation = "s3:GetBucketLocation";
    public const string GetBucketVersioning = "s3:GetBucketVersioning";
    public const string ListBucketVersions = "s3:ListBucketVersions";
    public const string ListBucketMultipartUploads = "s3:ListBucketMultipartUploads";
    public const string PutObject = "s3:PutObject";
    public const string GetObject = "s3:GetObject";
    public const string GetObjectAttributes = "s3:GetObjectAttributes";
    public const string DeleteObject = "s3:DeleteObject";
    public const string AbortMultipartUpload = "s3:AbortMultipartUpload";
    public const string ListMultipartUploadParts = "s3:ListMultipartUploadParts";
}
