using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// Multipart error answers, each with its code and status (docs/s3-compatibility.md "Multipart uploads", "CompleteMultipartUpload", "Errors"), and the rule that a failed Complete leaves the upload and all its parts intact.
/// </summary>
public sealed class MultipartErrorTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    public MultipartErrorTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task UploadPart_PartNumberOutside1To10000_FailsWithInvalidArgument(int partNumber)
    {
        var bucket = await CreateBucketAsync("mpu-partnumber");
        var uploadId = await InitiateAsync(bucket, "k");

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidArgument",
            () => UploadPartAsync(bucket, "k", uploadId, partNumber, Data(1024, seed: 1)));

        // Nothing was stored for the refused part; the edges 1 and 10000 themselves are valid.
        Assert.Empty(await ListAllPartsAsync(bucket, "k", uploadId));
        await UploadPartAsync(bucket, "k", uploadId, 1, Data(1024, seed: 2));
        await UploadPartAsync(bucket, "k", uploadId, 10_000, Data(1024, seed: 3));
        Assert.Equal([1, 10_000], (await ListAllPartsAsync(bucket, "k", uploadId)).Select(p => p.PartNumber ?? 0));
    }

    [Fact]
    public async Task UploadPart_PartNumberOutside1To10000_ErrorBodyNamesTheArgument()
    {
        var bucket = await CreateBucketAsync("mpu-partnumber-raw");
        var uploadId = await InitiateAsync(bucket, "k");
        using var response = await Raw.SendAsync(
            HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k") + "?partNumber=10001&uploadId=" + uploadId, Data(10, seed: 4));
        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal("partNumber", error.Element("ArgumentName")?.Value);
        Assert.Equal("10001", error.Element("ArgumentValue")?.Value);
    }

    [Fact]
    public async Task UploadPart_UnknownUploadId_FailsWithNoSuchUpload()
    {
        var bucket = await CreateBucketAsync("mpu-unknown");
        var realUploadId = await InitiateAsync(bucket, "k");

        await AssertNoSuchUploadAsync(() => UploadPartAsync(bucket, "k", "0123456789abcdef0123456789abcdef0123456789abcdef", 1, Data(1024, seed: 5)));
        await AssertNoSuchUploadAsync(() => UploadPartAsync(bucket, "k", "not-an-upload-id", 1, Data(1024, seed: 6)));

        // An upload id is bound to its key: using it with another key is an unknown upload too.
        await AssertNoSuchUploadAsync(() => UploadPartAsync(bucket, "other-key", realUploadId, 1, Data(1024, seed: 7)));
        Assert.Empty(await ListAllPartsAsync(bucket, "k", realUploadId));
    }

    /// <summary>
    /// Base parts: 1 = exactly the minimum (a non-last part may be that small), 2 = minimum + 1, 3 = minimum - 1
    /// (fine as the last part). Each case fails, the upload is checked intact, then the correct list completes.
    /// </summary>
    [Theory]
    [InlineData("part never uploaded", "InvalidPart")]
    [InlineData("wrong etag", "InvalidPart")]
    [InlineData("etag of another part", "InvalidPart")]
    [InlineData("parts not ascending", "InvalidPartOrder")]
    [InlineData("non-last part under the minimum", "EntityTooSmall")]
    [InlineData("empty part list", "MalformedXML")]
    public async Task Complete_InvalidPartList_FailsWithCodeAndLeavesUploadIntact(string problem, string code)
    {
        var bucket = await CreateBucketAsync("mpu-complete-errors");
        const string key = "obj";
        byte[][] parts = [Data(MinPart, seed: 11), Data(MinPart + 1, seed: 12), Data(MinPart - 1, seed: 13)];
        var uploadId = await InitiateAsync(bucket, key);
        await UploadPartsAsync(bucket, key, uploadId, parts);
        var etag = parts.Select(p => Quote(Md5Hex(p))).ToArray();
        var uploaded = new List<(int Number, byte[] Data)> { (1, parts[0]), (2, parts[1]), (3, parts[2]) };

        switch (problem)
        {
            case "part never uploaded":
                await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, code,
                    () => CompleteAsync(bucket, key, uploadId, [(1, etag[0]), (2, etag[1]), (4, etag[2])]));
                break;
            case "wrong etag":
                await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, code,
                    () => CompleteAsync(bucket, key, uploadId, [(1, etag[0]), (2, Quote(Md5Hex(Data(MinPart + 1, seed: 99)))), (3, etag[2])]));
                break;
            case "etag of another part":
                await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, code,
                    () => CompleteAsync(bucket, key, uploadId, [(1, etag[0]), (2, etag[0]), (3, etag[2])]));
                break;
            case "parts not ascending":
                // Sent raw: an SDK may sort the list before sending it.
                using (var response = await RawCompleteAsync(bucket, key, uploadId, CompleteXml([(2, etag[1]), (1, etag[0]), (3, etag[2])])))
                {
                    await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, code);
                }

                break;
            case "non-last part under the minimum":
                // Part 3 (minimum - 1 bytes) is not the last when part 5 follows it.
                var tail = Data(1024, seed: 15);
                await UploadPartAsync(bucket, key, uploadId, 5, tail);
                uploaded.Add((5, tail));
                await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, code,
                    () => CompleteAsync(bucket, key, uploadId, [(1, etag[0]), (2, etag[1]), (3, etag[2]), (5, Quote(Md5Hex(tail)))]));
                break;
            case "empty part list":
                // Sent raw: the SDK does not send an empty list as such.
                using (var response = await RawCompleteAsync(bucket, key, uploadId, CompleteXml([])))
                {
                    await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, code);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem, null);
        }

        // The failed Complete changed nothing: no object, the upload listed, every part still there.
        Assert.False(await ExistsAsync(bucket, key), "a failed Complete created the object");
        var uploads = await S3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        Assert.Contains(uploads.MultipartUploads ?? [], u => u.UploadId == uploadId);
        var listed = await ListAllPartsAsync(bucket, key, uploadId);
        Assert.Equal(uploaded.Select(u => u.Number), listed.Select(p => p.PartNumber ?? 0));
        Assert.Equal(uploaded.Select(u => Quote(Md5Hex(u.Data))), listed.Select(p => p.ETag));
        Assert.Equal(uploaded.Select(u => (long)u.Data.Length), listed.Select(p => p.Size ?? -1));

        var complete = await CompleteAsync(bucket, key, uploadId, parts);
        Assert.Equal(ExpectedMultipartETag(parts), complete.ETag);
        Assert.Equal(Concat(parts), await GetBytesAsync(bucket, key));
    }

    [Fact]
    public async Task Complete_UnknownUploadId_FailsWithNoSuchUpload()
    {
        var bucket = await CreateBucketAsync("mpu-complete-unknown");
        await AssertNoSuchUploadAsync(() => CompleteAsync(bucket, "k", "0123456789abcdef0123456789abcdef0123456789abcdef", [(1, Quote(Md5Hex([])))]));
    }

    [Fact]
    public async Task Complete_RetriedWithSameListAfterSuccess_AnswersTheSameETag()
    {
        var bucket = await CreateBucketAsync("mpu-complete-retry");
        const string key = "retried";
        byte[][] parts = [Data(MinPart + 10, seed: 21), Data(500, seed: 22)];
        var uploadId = await InitiateAsync(bucket, key);
        await UploadPartsAsync(bucket, key, uploadId, parts);

        var first = await CompleteAsync(bucket, key, uploadId, parts);
        var retry = await CompleteAsync(bucket, key, uploadId, parts);

        Assert.Equal(ExpectedMultipartETag(parts), first.ETag);
        Assert.Equal(first.ETag, retry.ETag);
        Assert.Equal(key, retry.Key);
        Assert.Equal(Concat(parts), await GetBytesAsync(bucket, key));
    }

    [Fact]
    public async Task Abort_ThenListPartsUploadPartAbortAndComplete_FailWithNoSuchUpload()
    {
        var bucket = await CreateBucketAsync("mpu-abort");
        const string key = "aborted";
        byte[][] parts = [Data(MinPart, seed: 31), Data(700, seed: 32)];
        var uploadId = await InitiateAsync(bucket, key);
        await UploadPartsAsync(bucket, key, uploadId, parts);

        var abort = await S3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId });
        Assert.Equal(HttpStatusCode.NoContent, abort.HttpStatusCode);

        await AssertNoSuchUploadAsync(() => S3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId }));
        await AssertNoSuchUploadAsync(() => UploadPartAsync(bucket, key, uploadId, 3, Data(10, seed: 33)));
        await AssertNoSuchUploadAsync(() => S3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }));
        await AssertNoSuchUploadAsync(() => CompleteAsync(bucket, key, uploadId, parts));

        var uploads = await S3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        Assert.Empty(uploads.MultipartUploads ?? []);
        Assert.False(await ExistsAsync(bucket, key));
    }
}
