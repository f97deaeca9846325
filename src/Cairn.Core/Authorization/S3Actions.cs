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
    public const string GetBucketAcl = "s3:GetBucketAcl";
    public const string PutBucketAcl = "s3:PutBucketAcl";
    public const string GetObjectAcl = "s3:GetObjectAcl";
    public const string PutObjectAcl = "s3:PutObjectAcl";
    public const string GetBucketPolicy = "s3:GetBucketPolicy";
    public const string PutBucketPolicy = "s3:PutBucketPolicy";
    public const string DeleteBucketPolicy = "s3:DeleteBucketPolicy";
    public const string GetBucketPolicyStatus = "s3:GetBucketPolicyStatus";
    public const string GetBucketPublicAccessBlock = "s3:GetBucketPublicAccessBlock";
    public const string PutBucketPublicAccessBlock = "s3:PutBucketPublicAccessBlock";
    public const string GetBucketOwnershipControls = "s3:GetBucketOwnershipControls";
    public const string PutBucketOwnershipControls = "s3:PutBucketOwnershipControls";
    public const string GetBucketCors = "s3:GetBucketCORS";
    public const string PutBucketCors = "s3:PutBucketCORS";
    public const string GetObjectTagging = "s3:GetObjectTagging";
    public const string PutObjectTagging = "s3:PutObjectTagging";
    public const string DeleteObjectTagging = "s3:DeleteObjectTagging";
    public const string GetBucketTagging = "s3:GetBucketTagging";
    public const string PutBucketTagging = "s3:PutBucketTagging";
    public const string GetLifecycleConfiguration = "s3:GetLifecycleConfiguration";
    public const string PutLifecycleConfiguration = "s3:PutLifecycleConfiguration";
}
