using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Tests.Shared;

namespace Cairn.Client.Tests.Infrastructure;

/// <summary>Server-side facts tests assert on: incomplete uploads, stored parts, object bytes.</summary>
public static class S3Inspect
{
    public static async Task<List<MultipartUpload>> UploadsAsync(IAmazonS3 s3, string bucket)
    {
        var response = await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        return response.MultipartUploads ?? [];
    }

    public static async Task<List<PartDetail>> PartsAsync(IAmazonS3 s3, string bucket, string key, string uploadId)
    {
        var response = await s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId });
        return response.Parts ?? [];
    }

    /// <summary>
    /// How long the part count must stay unchanged to count as settled: far longer than the server takes to commit
    /// a part whose body has fully arrived (one fsync and a metadata commit).
    /// </summary>
    private static readonly TimeSpan PartsQuietPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The number of parts the server holds once it stops changing. A part whose body was fully sent when the
    /// client was paused or killed can still be committed a moment later (and bytes a proxy had already taken
    /// from a killed client can still complete one), so a count taken at once may be one short. The server
    /// signals no end to that, so the count has to stay still for a quiet period.
    /// </summary>
    public static Task<int> SettledPartCountAsync(IAmazonS3 s3, string bucket, string key, string uploadId) =>
        Eventually.SettledAsync(
            async () => (await PartsAsync(s3, bucket, key, uploadId)).Count,
            PartsQuietPeriod,
            TimeSpan.FromSeconds(20),
            count => $"the number of parts of upload {uploadId} kept changing ({count} at last)");

    public static async Task<byte[]> GetBytesAsync(IAmazonS3 s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Downloads an object to a file with a plain GET (independent of the code under test).</summary>
    public static async Task<string> GetFileAsync(IAmazonS3 s3, string bucket, string key, string path)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        await using var file = File.Create(path);
        await response.ResponseStream.CopyToAsync(file);
        return path;
    }
}
