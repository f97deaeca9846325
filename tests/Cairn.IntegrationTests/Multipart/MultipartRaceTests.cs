using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// Concurrent requests on one upload end with one clear winner (docs/architecture.md "Storage model";
/// docs/s3-compatibility.md "Multipart uploads"; docs/architecture.md "Storage model"), and no blob is leaked or freed too early. Each race is run several times.
/// </summary>
public sealed class MultipartRaceTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    private const int Rounds = 8;

    private readonly ITestOutputHelper _output;

    public MultipartRaceTests(CairnServerFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _output = output;
    }

    [Fact]
    public async Task CompleteAndAbort_Concurrently_ExactlyOneSucceedsAndObjectIsWholeOrAbsent()
    {
        var bucket = await CreateBucketAsync("mpu-race-complete-abort");
        using var second = Fixture.CreateClient();
        var outcomes = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var key = $"race/{round}";
            byte[][] parts = [Data(MinPart, seed: 300 + (ulong)round), Data(MinPart + 1, seed: 400 + (ulong)round), Data(17, seed: 500 + (ulong)round)];
            var uploadId = await InitiateAsync(bucket, key);
            await UploadPartsAsync(bucket, key, uploadId, parts);

            var complete = OutcomeAsync(() => CompleteAsync(bucket, key, uploadId, parts));
            var abort = OutcomeAsync(() => second.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }));
            var results = await Task.WhenAll(complete, abort);
            var (completeError, abortError) = (results[0], results[1]);

            Assert.True(
                (completeError is null) != (abortError is null),
                $"round {round}: exactly one of Complete and Abort must succeed; Complete: {Describe(completeError)}; Abort: {Describe(abortError)}");
            var loser = completeError ?? abortError!;
            Assert.True(
                loser is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound, ErrorCode: "NoSuchUpload" },
                $"round {round}: the loser must fail with 404 NoSuchUpload, got {Describe(loser)}");

            if (completeError is null)
            {
                outcomes.Add("completed");
                Assert.Equal(Concat(parts), await GetBytesAsync(bucket, key));
            }
            else
            {
                outcomes.Add("aborted");
                Assert.False(await ExistsAsync(bucket, key), $"round {round}: Abort won but the object exists");
            }

            await AssertNoSuchUploadAsync(() => S3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId }));
        }

        _output.WriteLine("winners: " + string.Join(", ", outcomes));
        await AssertNoLeakedBlobsAsync();

        // Whatever won, the data of completed objects survived the garbage pass.
        for (var round = 0; round < Rounds; round++)
        {
            if (outcomes[round] == "completed")
            {
                Assert.Equal(MinPart + MinPart + 1 + 17, (await S3.GetObjectMetadataAsync(bucket, $"race/{round}")).ContentLength);
            }
        }
    }

    [Fact]
    public async Task UploadPart_SamePartNumberConcurrently_OneBodyWinsAndNoBlobLeaks()
    {
        var bucket = await CreateBucketAsync("mpu-race-same-part");
        using var second = Fixture.CreateClient();
        for (var round = 0; round < Rounds; round++)
        {
            var key = $"same-part/{round}";
            var bodyA = Data(MinPart + 100, seed: 600 + (ulong)round);
            var bodyB = Data(MinPart + 200, seed: 700 + (ulong)round);
            var last = Data(999, seed: 800 + (ulong)round);
            var uploadId = await InitiateAsync(bucket, key);
            await UploadPartAsync(bucket, key, uploadId, 2, last);

            await Task.WhenAll(
                UploadPartAsync(bucket, key, uploadId, 1, bodyA),
                UploadPartAsync(bucket, key, uploadId, 1, bodyB, client: second));

            var listed = await ListAllPartsAsync(bucket, key, uploadId);
            Assert.Equal([1, 2], listed.Select(p => p.PartNumber ?? 0));
            var winner = listed[0].ETag == Quote(Md5Hex(bodyA)) ? bodyA
                : listed[0].ETag == Quote(Md5Hex(bodyB)) ? bodyB
                : throw new Xunit.Sdk.XunitException($"round {round}: part 1 has ETag {listed[0].ETag}, neither body's MD5");
            Assert.Equal(winner.Length, listed[0].Size);

            var complete = await CompleteAsync(bucket, key, uploadId, listed.Select(p => (p.PartNumber!.Value, p.ETag)));
            Assert.Equal(ExpectedMultipartETag([winner, last]), complete.ETag);
            Assert.Equal(Concat([winner, last]), await GetBytesAsync(bucket, key));
        }

        await AssertNoLeakedBlobsAsync();
    }

    [Fact]
    public async Task UploadPart_ConcurrentWithAbort_DoesNotResurrectTheUploadOrLeakBlobs()
    {
        var bucket = await CreateBucketAsync("mpu-race-part-abort");
        using var second = Fixture.CreateClient();
        for (var round = 0; round < Rounds; round++)
        {
            var key = $"part-abort/{round}";
            var uploadId = await InitiateAsync(bucket, key);
            await UploadPartAsync(bucket, key, uploadId, 1, Data(MinPart, seed: 900 + (ulong)round));

            var results = await Task.WhenAll(
                OutcomeAsync(() => UploadPartAsync(bucket, key, uploadId, 2, Data(2 * MinPart, seed: 1000 + (ulong)round))),
                OutcomeAsync(() => second.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId })));
            Assert.True(results[1] is null, $"round {round}: Abort failed: {Describe(results[1])}");
            Assert.True(
                results[0] is null or AmazonS3Exception { StatusCode: HttpStatusCode.NotFound, ErrorCode: "NoSuchUpload" },
                $"round {round}: UploadPart racing Abort must succeed or fail with NoSuchUpload, got {Describe(results[0])}");

            await AssertNoSuchUploadAsync(() => S3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId }));
        }

        var uploads = await S3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        Assert.Empty(uploads.MultipartUploads ?? []);
        await AssertNoLeakedBlobsAsync();
    }

    [Fact]
    public async Task UploadPart_AfterComplete_FailsWithNoSuchUploadAndLeavesObjectUnchanged()
    {
        var bucket = await CreateBucketAsync("mpu-part-after-complete");
        const string key = "done";
        byte[][] parts = [Data(MinPart, seed: 1101), Data(1234, seed: 1102)];
        var uploadId = await InitiateAsync(bucket, key);
        await UploadPartsAsync(bucket, key, uploadId, parts);
        await CompleteAsync(bucket, key, uploadId, parts);

        await AssertNoSuchUploadAsync(() => UploadPartAsync(bucket, key, uploadId, 2, Data(4321, seed: 1103)));
        await AssertNoSuchUploadAsync(() => UploadPartAsync(bucket, key, uploadId, 3, Data(10, seed: 1104)));

        Assert.Equal(Concat(parts), await GetBytesAsync(bucket, key));
        await AssertNoLeakedBlobsAsync();
    }

    /// <summary>Runs a request and returns its exception, or null when it succeeded.</summary>
    private static async Task<Exception?> OutcomeAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static string Describe(Exception? e) => e switch
    {
        null => "succeeded",
        AmazonS3Exception s3 => $"{(int)s3.StatusCode} {s3.ErrorCode}: {s3.Message}",
        _ => e.GetType().Name + ": " + e.Message,
    };
}
