using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>UploadPartCopy (docs/s3-compatibility.md "Multipart uploads"): parts taken from existing objects, whole or by byte range.</summary>
public sealed class UploadPartCopyTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    public UploadPartCopyTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task UploadPartCopy_WholeObjectAndByteRanges_CompletesToTheExpectedConcatenation()
    {
        var bucket = await CreateBucketAsync("mpu-copy");
        var sourceBucket = await CreateBucketAsync("mpu-copy-src");
        var whole = Data(MinPart + 777, seed: 81);
        var large = Data(3 * MinPart, seed: 82);
        await PutAsync(sourceBucket, "src/whole.bin", whole);
        await PutAsync(sourceBucket, "src/large.bin", large);

        // A multipart source, so a range can cross one of its part boundaries.
        byte[][] sourceParts = [Data(MinPart + 3, seed: 83), Data(MinPart + 4, seed: 84)];
        var sourceUpload = await InitiateAsync(sourceBucket, "src/multipart.bin");
        await UploadPartsAsync(sourceBucket, "src/multipart.bin", sourceUpload, sourceParts);
        await CompleteAsync(sourceBucket, "src/multipart.bin", sourceUpload, sourceParts);
        var multipartSource = Concat(sourceParts);

        const string key = "assembled/from-copies.bin";
        var uploadId = await InitiateAsync(bucket, key);

        var part1 = whole;
        var copy1 = await S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = sourceBucket,
            SourceKey = "src/whole.bin",
            DestinationBucket = bucket,
            DestinationKey = key,
            UploadId = uploadId,
            PartNumber = 1,
        });
        Assert.Equal(Quote(Md5Hex(part1)), copy1.ETag);

        const long first = 12_345;
        const long last = first + MinPart + 999;
        var part2 = large.AsSpan((int)first, (int)(last - first + 1)).ToArray();
        var copy2 = await S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = sourceBucket,
            SourceKey = "src/large.bin",
            DestinationBucket = bucket,
            DestinationKey = key,
            UploadId = uploadId,
            PartNumber = 2,
            FirstByte = first,
            LastByte = last,
        });
        Assert.Equal(Quote(Md5Hex(part2)), copy2.ETag);

        var boundary = sourceParts[0].Length;
        var part3 = multipartSource.AsSpan(boundary - 5000, MinPart).ToArray();
        var copy3 = await S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = sourceBucket,
            SourceKey = "src/multipart.bin",
            DestinationBucket = bucket,
            DestinationKey = key,
            UploadId = uploadId,
            PartNumber = 3,
            FirstByte = boundary - 5000,
            LastByte = boundary - 5000 + MinPart - 1,
        });
        Assert.Equal(Quote(Md5Hex(part3)), copy3.ETag);

        var part4 = Data(4096, seed: 85);
        await UploadPartAsync(bucket, key, uploadId, 4, part4);

        byte[][] expectedParts = [part1, part2, part3, part4];
        var listed = await ListAllPartsAsync(bucket, key, uploadId);
        Assert.Equal(expectedParts.Select(p => (long)p.Length), listed.Select(p => p.Size ?? -1));
        Assert.Equal(expectedParts.Select(p => Quote(Md5Hex(p))), listed.Select(p => p.ETag));

        var complete = await CompleteAsync(bucket, key, uploadId, [(1, copy1.ETag), (2, copy2.ETag), (3, copy3.ETag), (4, Quote(Md5Hex(part4)))]);
        Assert.Equal(ExpectedMultipartETag(expectedParts), complete.ETag);
        var expected = Concat(expectedParts);
        Assert.Equal(expected, await GetBytesAsync(bucket, key));

        // The copy owns its data: deleting the sources and collecting garbage does not touch it.
        await S3.DeleteObjectAsync(sourceBucket, "src/whole.bin");
        await S3.DeleteObjectAsync(sourceBucket, "src/large.bin");
        await S3.DeleteObjectAsync(sourceBucket, "src/multipart.bin");
        await CollectGarbageAsync();
        Assert.Equal(expected, await GetBytesAsync(bucket, key));
        Assert.Equal((long)expected.Length, (await S3.GetObjectMetadataAsync(bucket, key)).ContentLength);
    }

    [Fact]
    public async Task Abort_OfUploadWithAPartCopiedFromAWholeObject_KeepsTheSourceObjectReadable()
    {
        var bucket = await CreateBucketAsync("mpu-copy-abort");
        var source = Data(MinPart + 321, seed: 87);
        await PutAsync(bucket, "source", source);
        var uploadId = await InitiateAsync(bucket, "destination");
        await S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket,
            SourceKey = "source",
            DestinationBucket = bucket,
            DestinationKey = "destination",
            UploadId = uploadId,
            PartNumber = 1,
        });

        await S3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = "destination", UploadId = uploadId });
        await CollectGarbageAsync();

        Assert.Equal(source, await GetBytesAsync(bucket, "source"));
    }

    [Fact]
    public async Task UploadPartCopy_SourceDeletedBeforeComplete_PartDataSurvivesGarbageCollection()
    {
        var bucket = await CreateBucketAsync("mpu-copy-src-deleted");
        var source = Data(MinPart + 654, seed: 88);
        var tail = Data(300, seed: 89);
        await PutAsync(bucket, "source", source);
        var uploadId = await InitiateAsync(bucket, "destination");
        var copy = await S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket,
            SourceKey = "source",
            DestinationBucket = bucket,
            DestinationKey = "destination",
            UploadId = uploadId,
            PartNumber = 1,
        });
        await UploadPartAsync(bucket, "destination", uploadId, 2, tail);

        await S3.DeleteObjectAsync(bucket, "source");
        await CollectGarbageAsync();

        await CompleteAsync(bucket, "destination", uploadId, [(1, copy.ETag), (2, Quote(Md5Hex(tail)))]);
        await CollectGarbageAsync();
        Assert.Equal(Concat([source, tail]), await GetBytesAsync(bucket, "destination"));
    }

    [Fact]
    public async Task UploadPartCopy_RangeBeyondSource_FailsWithInvalidRange()
    {
        var bucket = await CreateBucketAsync("mpu-copy-range");
        await PutAsync(bucket, "src", Data(1000, seed: 86));
        var uploadId = await InitiateAsync(bucket, "dst");

        var ex = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => S3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket,
            SourceKey = "src",
            DestinationBucket = bucket,
            DestinationKey = "dst",
            UploadId = uploadId,
            PartNumber = 1,
            FirstByte = 500,
            LastByte = 1000,
        }));
        Assert.Equal("InvalidRange", ex.ErrorCode);
        Assert.True(ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestedRangeNotSatisfiable, $"status {(int)ex.StatusCode}");
        Assert.Empty(await ListAllPartsAsync(bucket, "dst", uploadId));
    }
}
