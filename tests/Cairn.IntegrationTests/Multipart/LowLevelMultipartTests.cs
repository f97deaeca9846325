using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// The low-level multipart API end to end (docs/s3-compatibility.md "Multipart uploads", "CompleteMultipartUpload", "Parts and ranges on GET and HEAD"): parts out of order and
/// concurrently, paginated ListParts, Complete, and reads of the result as a whole, by part and by range.
/// </summary>
public sealed class LowLevelMultipartTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    public LowLevelMultipartTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task MultipartUpload_PartsOutOfOrderAndConcurrent_AssemblesInPartNumberOrder()
    {
        var bucket = await CreateBucketAsync("mpu-lowlevel");
        const string key = "dir/assembled.bin";
        byte[][] parts =
        [
            Data(MinPart + 12_345, seed: 101), // part 1
            Data(MinPart, seed: 102),          // part 2: exactly the minimum
            Data(33_333, seed: 103),           // part 3: the last may be small
        ];
        var source = Concat(parts);
        var uploadId = await InitiateAsync(bucket, key);

        // Started in the order 3, 1, 2 and in flight together.
        var order = new[] { 3, 1, 2 };
        var responses = await Task.WhenAll(order.Select(n => UploadPartAsync(bucket, key, uploadId, n, parts[n - 1])));
        for (var i = 0; i < order.Length; i++)
        {
            Assert.Equal(Quote(Md5Hex(parts[order[i] - 1])), responses[i].ETag);
        }

        // Page by page, two parts at a time.
        var first = await S3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId, MaxParts = 2 });
        Assert.Equal([1, 2], first.Parts.Select(p => p.PartNumber ?? 0));
        Assert.True(first.IsTruncated, "first page of 2 of 3 parts is not truncated");
        Assert.Equal(2, first.NextPartNumberMarker);
        Assert.Equal(2, first.MaxParts);
        var second = await S3.ListPartsAsync(new ListPartsRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            MaxParts = 2,
            PartNumberMarker = first.NextPartNumberMarker!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal([3], second.Parts.Select(p => p.PartNumber ?? 0));
        Assert.False(second.IsTruncated ?? false, "last page is truncated");

        var listed = await ListAllPartsAsync(bucket, key, uploadId, maxParts: 2);
        Assert.Equal([1, 2, 3], listed.Select(p => p.PartNumber ?? 0));
        Assert.Equal(parts.Select(p => (long)p.Length), listed.Select(p => p.Size ?? -1));
        Assert.Equal(parts.Select(p => Quote(Md5Hex(p))), listed.Select(p => p.ETag));

        var complete = await CompleteAsync(bucket, key, uploadId, listed.Select(p => (p.PartNumber!.Value, p.ETag)));
        var expectedETag = ExpectedMultipartETag(parts);
        Assert.Equal(expectedETag, complete.ETag);
        Assert.Equal(bucket, complete.BucketName);
        Assert.Equal(key, complete.Key);

        Assert.Equal(source, await GetBytesAsync(bucket, key));

        var head = await S3.GetObjectMetadataAsync(bucket, key);
        Assert.Equal(source.Length, head.ContentLength);
        Assert.Equal(expectedETag, head.ETag);

        using (var part2 = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, PartNumber = 2 }))
        {
            Assert.Equal(HttpStatusCode.PartialContent, part2.HttpStatusCode);
            Assert.Equal(3, part2.PartsCount);
            Assert.Equal(parts[1].Length, part2.ContentLength);
            var start = parts[0].Length;
            Assert.Equal($"bytes {start}-{start + parts[1].Length - 1}/{source.Length}", part2.ContentRange);
            Assert.Equal(expectedETag, part2.ETag);
            using var buffer = new MemoryStream();
            await part2.ResponseStream.CopyToAsync(buffer);
            Assert.Equal(parts[1], buffer.ToArray());
        }

        // From inside part 1, over all of part 2, into part 3.
        long rangeStart = parts[0].Length - 1000;
        long rangeEnd = parts[0].Length + parts[1].Length + 999;
        var ranged = await GetRangeAsync(bucket, key, rangeStart, rangeEnd);
        Assert.Equal(source.AsSpan((int)rangeStart, (int)(rangeEnd - rangeStart + 1)).ToArray(), ranged);

        // The upload is gone once completed.
        await AssertNoSuchUploadAsync(() => S3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId }));
    }
}
