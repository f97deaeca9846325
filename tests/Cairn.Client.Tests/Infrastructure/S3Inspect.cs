using Amazon.S3;
using Amazon.S3.Model;

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
    /// The number of parts the server holds once it stops changing. A part whose body was fully sent when the
    /// client was paused or killed can still be committed a moment later (and bytes a proxy had already taken
    /// from a killed client can still complete one), so a count taken at once may be one short.
    /// </summary>
    public static async Task<int> SettledPartCountAsync(IAmazonS3 s3, string bucket, string key, string uploadId)
    {
        var previous = -1;
        for (var round = 0; round < 50; round++)
        {
            var count = (await PartsAsync(s3, bucket, key, uploadId)).Count;
            if (count == previous)
            {
                return count;
            }

            previous = count;
            await Task.Delay(400);
        }

        return previous;
    }

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
