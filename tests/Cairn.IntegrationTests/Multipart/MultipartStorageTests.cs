using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// What multipart operations do to the blob files on disk (docs/architecture.md "Storage model"): aborted uploads,
/// replaced parts, unlisted parts and deleted buckets free their blobs once the garbage collector ran, and
/// no blob a live object or upload needs is ever freed. Tests in this class run one after another on their
/// own server, so blob counts are exact.
/// </summary>
public sealed class MultipartStorageTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    public MultipartStorageTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Abort_AfterGarbageCollection_FreesEveryPartBlob()
    {
        var bucket = await CreateBucketAsync("mpu-abort-gc");
        const string key = "to-abort";
        await CollectGarbageAsync();
        var start = BlobFileCount();

        byte[][] parts = [Data(MinPart, seed: 41), Data(MinPart, seed: 42), Data(MinPart, seed: 43), Data(99, seed: 44)];
        var uploadId = await InitiateAsync(bucket, key);
        await UploadPartsAsync(bucket, key, uploadId, parts);
        Assert.Equal(start + parts.Length, BlobFileCount());

        await S3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId });
        await CollectGarbageAsync();

        Assert.Equal(start, BlobFileCount());
        await AssertNoLeakedBlobsAsync();
    }

    [Fact]
    public async Task UploadPart_SamePartNumberAgain_ReplacesPartAndLeaksNoBlob()
    {
        var bucket = await CreateBucketAsync("mpu-replace");
        const string key = "replaced";
        var oldPart1 = Data(MinPart + 5, seed: 51);
        var newPart1 = Data(MinPart + 6, seed: 52);
        var part2 = Data(2048, seed: 53);
        var unlisted3 = Data(MinPart, seed: 54);
        var uploadId = await InitiateAsync(bucket, key);
        await UploadPartAsync(bucket, key, uploadId, 1, oldPart1);
        await UploadPartAsync(bucket, key, uploadId, 2, part2);
        await UploadPartAsync(bucket, key, uploadId, 3, unlisted3);

        var replaced = await UploadPartAsync(bucket, key, uploadId, 1, newPart1);
        Assert.Equal(Quote(Md5Hex(newPart1)), replaced.ETag);

        var listed = await ListAllPartsAsync(bucket, key, uploadId);
        Assert.Equal([1, 2, 3], listed.Select(p => p.PartNumber ?? 0));
        Assert.Equal(Quote(Md5Hex(newPart1)), listed[0].ETag);
        Assert.Equal(newPart1.Length, listed[0].Size);

        // The replaced part's ETag no longer completes the upload.
        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidPart",
            () => CompleteAsync(bucket, key, uploadId, [(1, Quote(Md5Hex(oldPart1))), (2, Quote(Md5Hex(part2)))]));

        // Part 3 is left out: it is discarded with the upload.
        var complete = await CompleteAsync(bucket, key, uploadId, [(1, Quote(Md5Hex(newPart1))), (2, Quote(Md5Hex(part2)))]);
        Assert.Equal(ExpectedMultipartETag([newPart1, part2]), complete.ETag);
        Assert.Equal(Concat([newPart1, part2]), await GetBytesAsync(bucket, key));

        await AssertNoLeakedBlobsAsync();
        Assert.Equal(Concat([newPart1, part2]), await GetBytesAsync(bucket, key));
    }

    [Fact]
    public async Task Complete_OverwritingAnExistingObject_FreesTheOldObjectsBlobs()
    {
        var bucket = await CreateBucketAsync("mpu-overwrite");
        const string key = "overwritten";
        byte[][] first = [Data(MinPart, seed: 55), Data(10, seed: 56)];
        byte[][] second = [Data(MinPart + 1, seed: 57), Data(MinPart, seed: 58), Data(11, seed: 59)];
        foreach (var parts in new[] { first, second })
        {
            var uploadId = await InitiateAsync(bucket, key);
            await UploadPartsAsync(bucket, key, uploadId, parts);
            await CompleteAsync(bucket, key, uploadId, parts);
        }

        Assert.Equal(Concat(second), await GetBytesAsync(bucket, key));
        await AssertNoLeakedBlobsAsync();
    }

    [Fact]
    public async Task DeleteBucket_WithOnlyIncompleteUploads_SucceedsAndFreesTheirBlobs()
    {
        await CollectGarbageAsync();
        var start = BlobFileCount();
        var bucket = await CreateBucketAsync("mpu-delete-bucket");
        var first = await InitiateAsync(bucket, "a");
        await UploadPartsAsync(bucket, "a", first, [Data(MinPart, seed: 61), Data(100, seed: 62)]);
        var second = await InitiateAsync(bucket, "b/c");
        await UploadPartsAsync(bucket, "b/c", second, [Data(300, seed: 63)]);
        Assert.Equal(start + 3, BlobFileCount());

        await S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket });

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchBucket",
            () => S3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket }));
        await CollectGarbageAsync();
        Assert.Equal(start, BlobFileCount());
        await AssertNoLeakedBlobsAsync();
    }

    [Fact]
    public async Task DeleteBucket_WithObjectsAndUploads_FailsWithBucketNotEmptyAndKeepsUploads()
    {
        var bucket = await CreateBucketAsync("mpu-bucket-not-empty");
        await PutTextAsync(bucket, "object", "content");
        var uploadId = await InitiateAsync(bucket, "pending");
        var part = Data(1000, seed: 71);
        await UploadPartAsync(bucket, "pending", uploadId, 1, part);

        await S3Assert.ThrowsAsync(HttpStatusCode.Conflict, "BucketNotEmpty",
            () => S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }));

        var listed = await ListAllPartsAsync(bucket, "pending", uploadId);
        Assert.Equal([Quote(Md5Hex(part))], listed.Select(p => p.ETag));
        Assert.Equal("content", await GetTextAsync(bucket, "object"));
        await AssertNoLeakedBlobsAsync();
    }
}
