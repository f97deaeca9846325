namespace Cairn.Core.Errors;

/// <summary>The common "not found" failures, built in one place so their text and context stay the same everywhere.</summary>
public static class Failures
{
    public static CairnException NoSuchBucket(string bucket) =>
        new(ErrorCode.NoSuchBucket, "The specified bucket does not exist.")
        {
            Details = new ErrorDetails { BucketName = bucket },
        };

    public static CairnException NoSuchKey(string key) =>
        new(ErrorCode.NoSuchKey, "The specified key does not exist.")
        {
            Details = new ErrorDetails { Key = key },
        };

    public static CairnException NoSuchUpload(string uploadId) =>
        new(ErrorCode.NoSuchUpload)
        {
            Details = new ErrorDetails { UploadId = uploadId },
        };
}
