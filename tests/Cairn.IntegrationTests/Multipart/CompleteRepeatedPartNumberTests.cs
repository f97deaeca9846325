using System.Net;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// A CompleteMultipartUpload list that names one part number twice counts it once, with its last entry, as S3
/// does: a client that re-sent part 1 while the first send was still running recorded both ETags, and the part that
/// finished last is the one the upload holds. The last entry must name that part; descending numbers are still
/// InvalidPartOrder. Lists are sent raw, exactly in the order written.
/// </summary>
public sealed class CompleteRepeatedPartNumberTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly XNamespace S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public CompleteRepeatedPartNumberTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Complete_PartNumberListedTwice_CountsOnceWithItsLastEntry()
    {
        var bucket = await CreateBucketAsync("mpu-repeat");
        var (uploadId, a, b, c) = await UploadWithResentFirstPartAsync(bucket, "resent.bin");

        using var response = await RawCompleteAsync(bucket, "resent.bin", uploadId, CompleteXml([(1, ETag(a)), (1, ETag(b)), (2, ETag(c))]));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var etag = ExpectedMultipartETag([b, c]);
        Assert.Equal(etag, XElement.Parse(text).Element(S3Ns + "ETag")?.Value);
        var head = await S3.GetObjectMetadataAsync(bucket, "resent.bin");
        Assert.Equal(etag, head.ETag);
        Assert.Equal(b.Length + c.Length, head.ContentLength);
        Assert.Equal(Concat([b, c]), await GetBytesAsync(bucket, "resent.bin"));
        await AssertNoSuchUploadAsync(() => ListAllPartsAsync(bucket, "resent.bin", uploadId));
    }

    [Fact]
    public async Task Complete_PartNumberListedTwiceWithTheReplacedETagLast_IsInvalidPartAndLeavesTheUploadIntact()
    {
        var bucket = await CreateBucketAsync("mpu-repeat-stale");
        var (uploadId, a, b, c) = await UploadWithResentFirstPartAsync(bucket, "resent.bin");

        // The last entry for part 1 names the ETag the re-send replaced.
        using (var stale = await RawCompleteAsync(bucket, "resent.bin", uploadId, CompleteXml([(1, ETag(b)), (1, ETag(a)), (2, ETag(c))])))
        {
            await S3Assert.ErrorAsync(stale, HttpStatusCode.BadRequest, "InvalidPart");
        }

        // A repeated number does not excuse descending ones.
        using (var descending = await RawCompleteAsync(bucket, "resent.bin", uploadId, CompleteXml([(2, ETag(c)), (1, ETag(b))])))
        {
            await S3Assert.ErrorAsync(descending, HttpStatusCode.BadRequest, "InvalidPartOrder");
        }

        Assert.False(await ExistsAsync(bucket, "resent.bin"));
        Assert.Equal([1, 2], (await ListAllPartsAsync(bucket, "resent.bin", uploadId)).Select(p => p.PartNumber ?? 0));

        var done = await CompleteAsync(bucket, "resent.bin", uploadId, [(1, ETag(b)), (2, ETag(c))]);
        Assert.Equal(ExpectedMultipartETag([b, c]), done.ETag);
        Assert.Equal(Concat([b, c]), await GetBytesAsync(bucket, "resent.bin"));
    }

    private static string ETag(byte[] data) => Quote(Md5Hex(data));

    /// <summary>Part 1 (A), part 1 again (B, replacing A), part 2 (C).</summary>
    private async Task<(string UploadId, byte[] A, byte[] B, byte[] C)> UploadWithResentFirstPartAsync(string bucket, string key)
    {
        var a = Data(MinPart, seed: 121);
        var b = Data(MinPart + 3, seed: 122);
        var c = Data(4321, seed: 123);
        var uploadId = await InitiateAsync(bucket, key);
        Assert.Equal(ETag(a), (await UploadPartAsync(bucket, key, uploadId, 1, a)).ETag);
        Assert.Equal(ETag(b), (await UploadPartAsync(bucket, key, uploadId, 1, b)).ETag);
        Assert.Equal(ETag(c), (await UploadPartAsync(bucket, key, uploadId, 2, c)).ETag);
        return (uploadId, a, b, c);
    }
}
