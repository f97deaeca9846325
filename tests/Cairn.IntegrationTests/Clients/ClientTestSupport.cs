using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.IntegrationTests.Clients;

/// <summary>Small pieces the client tests share.</summary>
internal static class ClientTestSupport
{
    /// <summary>Reproducible pseudo-random content.</summary>
    public static byte[] RandomBytes(int size, int seed) => RandomBytes(size, new Random(seed));

    public static byte[] RandomBytes(int size, Random random)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Every object of a bucket, following continuation tokens.</summary>
    public static async Task<List<S3Object>> ListAllAsync(IAmazonS3 s3, string bucket)
    {
        var objects = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = bucket };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request);
            objects.AddRange(page.S3Objects ?? []);
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return objects;
    }
}
