using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// Base of the SDK end-to-end tests: an AWSSDK.S3 client and a raw client on the class's server, unique
/// bucket names, small helpers, and a leak check after every test (the server's <c>tmp/</c> must be empty).
/// </summary>
public abstract class SdkTestBase : IAsyncLifetime
{
    private static int _bucketCounter;

    protected SdkTestBase(CairnServerFixture fixture)
    {
        Fixture = fixture;
        S3 = fixture.CreateClient();
        Raw = new RawS3Client(fixture);
    }

    protected CairnServerFixture Fixture { get; }

    protected AmazonS3Client S3 { get; }

    protected RawS3Client Raw { get; }

    /// <summary>A fresh valid bucket name: <paramref name="hint"/>, a counter and random hex.</summary>
    protected static string UniqueBucketName(string hint)
    {
        var n = Interlocked.Increment(ref _bucketCounter);
        var name = $"{hint}-{n}-{Guid.NewGuid():N}"[..Math.Min(63, hint.Length + 20)];
        return name.ToLowerInvariant().TrimEnd('-');
    }

    protected async Task<string> CreateBucketAsync(string hint = "bucket")
    {
        var name = UniqueBucketName(hint);
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    protected Task<PutObjectResponse> PutAsync(string bucket, string key, byte[] body, Action<PutObjectRequest>? configure = null)
    {
        var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(body) };
        configure?.Invoke(request);
        return S3.PutObjectAsync(request);
    }

    protected Task<PutObjectResponse> PutTextAsync(string bucket, string key, string text) =>
        PutAsync(bucket, key, Encoding.UTF8.GetBytes(text));

    protected async Task<byte[]> GetBytesAsync(string bucket, string key)
    {
        using var response = await S3.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    protected async Task<string> GetTextAsync(string bucket, string key) => Encoding.UTF8.GetString(await GetBytesAsync(bucket, key));

    protected async Task<bool> ExistsAsync(string bucket, string key)
    {
        try
        {
            await S3.GetObjectMetadataAsync(bucket, key);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>All keys of a bucket (ListObjectsV2, all pages).</summary>
    protected async Task<List<string>> ListAllKeysAsync(string bucket, string? prefix = null)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>Uploads many small objects, <paramref name="parallelism"/> at a time; the body of each is its key.</summary>
    protected async Task PutManyAsync(string bucket, IEnumerable<string> keys, int parallelism = 32)
    {
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (key, ct) => await S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key }, ct));
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        S3.Dispose();
        Raw.Dispose();
        await DataDirectoryInspector.AssertTempEmptyAsync(Fixture.DataDirectory);
    }
}
