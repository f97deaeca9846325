using System.Text.Json;

namespace Cairn.Client.Sharing;

/// <summary>
/// The session policy that narrows a temporary credential to uploading under one prefix: PutObject (which covers
/// every multipart step but listing and aborting), AbortMultipartUpload and ListMultipartUploadParts on
/// <c>bucket/prefix*</c>, and ListBucketMultipartUploads on the bucket only for that prefix (so an interrupted
/// upload can be found again). Nothing can be read, listed or deleted.
/// </summary>
public static class UploadSessionPolicy
{
    public static string For(string bucket, string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        var document = new
        {
            Version = "2012-10-17",
            Statement = new object[]
            {
                new
                {
                    Sid = "UploadUnderPrefix",
                    Effect = "Allow",
                    Action = new[] { "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts" },
                    Resource = $"arn:aws:s3:::{bucket}/{prefix}*",
                },
                new
                {
                    Sid = "FindUploadsUnderPrefix",
                    Effect = "Allow",
                    Action = "s3:ListBucketMultipartUploads",
                    Resource = $"arn:aws:s3:::{bucket}",
                    Condition = new { StringLike = new Dictionary<string, string> { ["s3:prefix"] = prefix + "*" } },
                },
            },
        };
        return JsonSerializer.Serialize(document);
    }
}
