using System.Security.Cryptography;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// A single 300 MiB PutObject (well past Kestrel's 30 MB default body limit) streamed from a seekable
/// non-memory stream, read back and compared by hash while streaming.
/// </summary>
public sealed class LargeObjectTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const long Size = 300L * 1024 * 1024;
    private const ulong Seed = 0xC41A_2024;

    public LargeObjectTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task PutObject_300MiBFromSeekableStream_ReadsBackByteIdentical()
    {
        var bucket = await CreateBucketAsync("large");
        var (md5Hex, sha256Hex) = DeterministicStream.ComputeHashes(Size, Seed);
        using var client = Fixture.CreateClient(c => c.Timeout = TimeSpan.FromMinutes(10));

        var put = await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "big/300mib.bin",
            InputStream = new DeterministicStream(Size, Seed),
        });
        Assert.Equal("\"" + md5Hex + "\"", put.ETag);

        var head = await client.GetObjectMetadataAsync(bucket, "big/300mib.bin");
        Assert.Equal(Size, head.ContentLength);
        Assert.Equal("\"" + md5Hex + "\"", head.ETag);

        using (var get = await client.GetObjectAsync(bucket, "big/300mib.bin"))
        {
            Assert.Equal(Size, get.ContentLength);
            var (length, actualSha) = await HashAsync(get.ResponseStream);
            Assert.Equal(Size, length);
            Assert.Equal(sha256Hex, actualSha);
        }

        // A range far into the object: offsets beyond what a small test would reach.
        const long rangeStart = Size - (3L * 1024 * 1024) - 17;
        using (var ranged = await client.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = "big/300mib.bin",
            ByteRange = new ByteRange(rangeStart, rangeStart + 65535),
        }))
        {
            using var buffer = new MemoryStream();
            await ranged.ResponseStream.CopyToAsync(buffer);
            Assert.Equal(DeterministicStream.Slice(Seed, rangeStart, 65536), buffer.ToArray());
        }
    }

    private static async Task<(long Length, string Sha256Hex)> HashAsync(Stream stream)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long total = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            total += n;
        }

        return (total, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
