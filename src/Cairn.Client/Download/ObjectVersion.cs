using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Client.Hashing;
using Cairn.Client.Retry;

namespace Cairn.Client.Download;

/// <summary>
/// What a HEAD says about the object to download: size, ETag, and a full-object checksum when the server keeps
/// one. The layout of a multipart object is learned on demand with HEAD ?partNumber=N, whose Content-Length is
/// that part's size and whose x-amz-mp-parts-count is the number of parts.
/// </summary>
internal sealed record ObjectVersion(long Size, string ETag, FullObjectChecksum? Checksum)
{
    public static async Task<ObjectVersion> HeadAsync(IAmazonS3 s3, Retrier retrier, string bucket, string key, CancellationToken cancellationToken)
    {
        var head = await retrier.RunAsync("HeadObject", (_, token) => s3.GetObjectMetadataAsync(
            new GetObjectMetadataRequest { BucketName = bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED }, token),
            cancellationToken).ConfigureAwait(false);
        return new ObjectVersion(head.ContentLength, ETags.Normalize(head.ETag), ChecksumOf(head));
    }

    /// <summary>Size and parts count of one part (HEAD ?partNumber=N).</summary>
    public static async Task<(long Size, int? PartsCount)> HeadPartAsync(IAmazonS3 s3, Retrier retrier, string bucket, string key, int partNumber, CancellationToken cancellationToken)
    {
        var head = await retrier.RunAsync("HeadObject part", (_, token) => s3.GetObjectMetadataAsync(
            new GetObjectMetadataRequest { BucketName = bucket, Key = key, PartNumber = partNumber }, token),
            cancellationToken).ConfigureAwait(false);
        return (head.ContentLength, head.PartsCount);
    }

    private static FullObjectChecksum? ChecksumOf(GetObjectMetadataResponse head)
    {
        var type = head.ChecksumType?.Value;
        if (type is not null && !string.Equals(type, "FULL_OBJECT", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        (string Name, string? Value)[] candidates =
        [
            ("CRC64NVME", head.ChecksumCRC64NVME), ("CRC32", head.ChecksumCRC32), ("CRC32C", head.ChecksumCRC32C),
            ("SHA256", head.ChecksumSHA256), ("SHA1", head.ChecksumSHA1),
        ];
        return candidates.Where(c => !string.IsNullOrEmpty(c.Value))
            .Select(c => new FullObjectChecksum(c.Name, c.Value!))
            .FirstOrDefault();
    }
}
