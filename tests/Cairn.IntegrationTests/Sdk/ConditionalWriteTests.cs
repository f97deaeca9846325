using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.IntegrationTests.Multipart;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Conditional writes and deletes: <c>If-None-Match: *</c> creates only when the key is free, <c>If-Match: etag</c>
/// replaces or deletes only the object with that ETag (404 NoSuchKey when there is none, <c>*</c> = whatever exists),
/// on PutObject, CopyObject's destination, CompleteMultipartUpload, DeleteObject and per entry of DeleteObjects.
/// A failed condition is 412 PreconditionFailed and changes nothing; writers racing for one key with
/// <c>If-None-Match: *</c> produce exactly one winner.
/// </summary>
public sealed class ConditionalWriteTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    private const string NoSuchETag = "\"0123456789abcdef0123456789abcdef\"";

    public ConditionalWriteTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task PutObject_IfNoneMatchStar_CreatesOnlyWhenTheKeyIsFree()
    {
        var bucket = await CreateBucketAsync("create-only");

        var first = await PutAsync(bucket, "lease", Encoding.UTF8.GetBytes("first writer"), r => r.IfNoneMatch = "*");
        Assert.Equal(HttpStatusCode.OK, first.HttpStatusCode);

        await S3Assert.ThrowsAsync(HttpStatusCode.PreconditionFailed, "PreconditionFailed", () =>
            PutAsync(bucket, "lease", Encoding.UTF8.GetBytes("second writer"), r => r.IfNoneMatch = "*"));

        Assert.Equal("first writer", await GetTextAsync(bucket, "lease"));
    }

    [Fact]
    public async Task PutObject_IfMatch_ReplacesOnlyTheObjectWithThatETag()
    {
        var bucket = await CreateBucketAsync("compare-and-swap");
        var v1 = await PutTextAsync(bucket, "state.json", "v1");

        // The ETag may be sent quoted, as returned, or bare.
        var v2 = await PutAsync(bucket, "state.json", Encoding.UTF8.GetBytes("v2"), r => r.IfMatch = Unquote(v1.ETag));
        Assert.Equal(HttpStatusCode.OK, v2.HttpStatusCode);

        // A writer that still holds v1's ETag lost the race and must not overwrite v2.
        await S3Assert.ThrowsAsync(HttpStatusCode.PreconditionFailed, "PreconditionFailed", () =>
            PutAsync(bucket, "state.json", Encoding.UTF8.GetBytes("stale v1 writer"), r => r.IfMatch = v1.ETag));
        Assert.Equal("v2", await GetTextAsync(bucket, "state.json"));

        // If-Match with no object at all is NoSuchKey, and creates nothing.
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            PutAsync(bucket, "absent.json", Encoding.UTF8.GetBytes("x"), r => r.IfMatch = v2.ETag));
        Assert.False(await ExistsAsync(bucket, "absent.json"));
    }

    [Fact]
    public async Task PutObject_IfNoneMatchWithAnETag_Is501AndKeepsTheObject()
    {
        // S3 defines only '*' for If-None-Match on a write; anything else cannot be honoured.
        var bucket = await CreateBucketAsync("inm-etag");
        var put = await PutTextAsync(bucket, "k", "original");

        using var response = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), Encoding.UTF8.GetBytes("replacement"),
            r => r.Headers.TryAddWithoutValidation("If-None-Match", NoSuchETag));

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.NotImplemented, "NotImplemented");
        Assert.Equal("If-None-Match", error.Element("Header")?.Value);
        Assert.Equal("original", await GetTextAsync(bucket, "k"));
        Assert.Equal(put.ETag, (await S3.GetObjectMetadataAsync(bucket, "k")).ETag);
    }

    [Fact]
    public async Task CompleteMultipartUpload_IfNoneMatchStarOverExistingKey_Is412AndTheUploadCanStillComplete()
    {
        var bucket = await CreateBucketAsync("complete-create-only");
        await PutTextAsync(bucket, "video.bin", "someone else's object");
        byte[][] parts = [Data(MinPart, seed: 41), Data(1000, seed: 42)];
        var uploadId = await InitiateAsync(bucket, "video.bin");
        await UploadPartsAsync(bucket, "video.bin", uploadId, parts);

        await S3Assert.ThrowsAsync(HttpStatusCode.PreconditionFailed, "PreconditionFailed", () =>
            S3.CompleteMultipartUploadAsync(CompleteRequest(bucket, "video.bin", uploadId, parts, r => r.IfNoneMatch = "*")));

        Assert.Equal("someone else's object", await GetTextAsync(bucket, "video.bin"));
        Assert.Equal([1, 2], (await ListAllPartsAsync(bucket, "video.bin", uploadId)).Select(p => p.PartNumber ?? 0));

        var done = await S3.CompleteMultipartUploadAsync(CompleteRequest(bucket, "video.bin", uploadId, parts));
        Assert.Equal(ExpectedMultipartETag(parts), done.ETag);
        Assert.Equal(Concat(parts), await GetBytesAsync(bucket, "video.bin"));
    }

    [Fact]
    public async Task CompleteMultipartUpload_IfMatch_CompletesOnlyOverThatObject()
    {
        var bucket = await CreateBucketAsync("complete-if-match");
        var current = await PutTextAsync(bucket, "k", "current");
        byte[][] parts = [Data(2000, seed: 43)];

        var uploadId = await InitiateAsync(bucket, "k");
        await UploadPartsAsync(bucket, "k", uploadId, parts);
        await S3Assert.ThrowsAsync(HttpStatusCode.PreconditionFailed, "PreconditionFailed", () =>
            S3.CompleteMultipartUploadAsync(CompleteRequest(bucket, "k", uploadId, parts, r => r.IfMatch = NoSuchETag)));
        Assert.Equal("current", await GetTextAsync(bucket, "k"));

        var done = await S3.CompleteMultipartUploadAsync(CompleteRequest(bucket, "k", uploadId, parts, r => r.IfMatch = current.ETag));
        Assert.Equal(ExpectedMultipartETag(parts), done.ETag);
        Assert.Equal(parts[0], await GetBytesAsync(bucket, "k"));

        var elsewhere = await InitiateAsync(bucket, "nothing-here");
        await UploadPartsAsync(bucket, "nothing-here", elsewhere, parts);
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            S3.CompleteMultipartUploadAsync(CompleteRequest(bucket, "nothing-here", elsewhere, parts, r => r.IfMatch = "*")));
        Assert.False(await ExistsAsync(bucket, "nothing-here"));
        await S3.AbortMultipartUploadAsync(bucket, "nothing-here", elsewhere);
    }

    [Fact]
    public async Task CopyObject_ConditionsApplyToTheDestination()
    {
        var bucket = await CreateBucketAsync("copy-conditions");
        await PutTextAsync(bucket, "source", "new content");
        var destination = await PutTextAsync(bucket, "destination", "old content");

        await S3Assert.ThrowsAsync(HttpStatusCode.PreconditionFailed, "PreconditionFailed", () =>
            S3.CopyObjectAsync(CopyRequest(bucket, "destination", r => r.IfNoneMatch = "*")));
        await S3Assert.ThrowsAsync(HttpStatusCode.PreconditionFailed, "PreconditionFailed", () =>
            S3.CopyObjectAsync(CopyRequest(bucket, "destination", r => r.IfMatch = NoSuchETag)));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            S3.CopyObjectAsync(CopyRequest(bucket, "absent", r => r.IfMatch = destination.ETag)));
        Assert.Equal("old content", await GetTextAsync(bucket, "destination"));
        Assert.False(await ExistsAsync(bucket, "absent"));

        await S3.CopyObjectAsync(CopyRequest(bucket, "destination", r => r.IfMatch = destination.ETag));
        Assert.Equal("new content", await GetTextAsync(bucket, "destination"));
        await S3.CopyObjectAsync(CopyRequest(bucket, "fresh", r => r.IfNoneMatch = "*"));
        Assert.Equal("new content", await GetTextAsync(bucket, "fresh"));
    }

    [Fact]
    public async Task DeleteObject_IfMatch_DeletesOnlyTheObjectWithThatETag()
    {
        var bucket = await CreateBucketAsync("delete-if-match");
        var put = await PutTextAsync(bucket, "k", "content");

        await S3Assert.ThrowsAsync(HttpStatusCode.PreconditionFailed, "PreconditionFailed", () =>
            S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = NoSuchETag }));
        Assert.True(await ExistsAsync(bucket, "k"), "a DeleteObject whose If-Match failed removed the object");

        var deleted = await S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = put.ETag });
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        Assert.False(await ExistsAsync(bucket, "k"));

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = put.ETag }));
    }

    [Fact]
    public async Task DeleteObject_IfMatchStar_DeletesWhateverExists()
    {
        var bucket = await CreateBucketAsync("delete-if-match-any");
        await PutTextAsync(bucket, "k", "content");

        var deleted = await S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = "*" });

        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        Assert.False(await ExistsAsync(bucket, "k"));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () =>
            S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", IfMatch = "*" }));
    }

    [Fact]
    public async Task DeleteObjects_WithETagPerEntry_DeletesMatchingEntriesAndReportsTheOthers()
    {
        var bucket = await CreateBucketAsync("delete-many-if-match");
        var a = await PutTextAsync(bucket, "a", "A");
        await PutTextAsync(bucket, "b", "B");
        await PutTextAsync(bucket, "c", "C");

        // The SDK throws when any entry failed; the exception carries the whole response.
        var failed = await Assert.ThrowsAsync<DeleteObjectsException>(() => S3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects =
            [
                new KeyVersion { Key = "a", ETag = a.ETag },
                new KeyVersion { Key = "b", ETag = NoSuchETag },
                new KeyVersion { Key = "c" },
            ],
        }));
        var response = failed.Response;

        Assert.Equal(["a", "c"], (response.DeletedObjects ?? []).Select(d => d.Key).Order(StringComparer.Ordinal));
        var error = Assert.Single(response.DeleteErrors ?? []);
        Assert.Equal("b", error.Key);
        Assert.Equal("PreconditionFailed", error.Code);
        Assert.Equal(["b"], await ListAllKeysAsync(bucket));
        Assert.Equal("B", await GetTextAsync(bucket, "b"));
    }

    [Fact]
    public async Task ConcurrentCreates_IfNoneMatchStar_ExactlyOneWriterWinsAndItsBytesAreStored()
    {
        const int writers = 12;
        var bucket = await CreateBucketAsync("create-race");

        // Each writer has its own client (own connections) and its own body, above the inline limit so the
        // uploads overlap on disk before they commit.
        var bodies = Enumerable.Range(0, writers).Select(i => Data(96 * 1024, seed: (ulong)(500 + i))).ToArray();
        var clients = Enumerable.Range(0, writers).Select(_ => Fixture.CreateClient()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var attempts = Enumerable.Range(0, writers).Select(async i =>
            {
                await start.Task;
                try
                {
                    var response = await clients[i].PutObjectAsync(new PutObjectRequest
                    {
                        BucketName = bucket,
                        Key = "leader",
                        InputStream = new MemoryStream(bodies[i]),
                        IfNoneMatch = "*",
                    });
                    return (Writer: i, Status: response.HttpStatusCode, Code: (string?)null, ETag: response.ETag);
                }
                catch (AmazonS3Exception e)
                {
                    return (Writer: i, Status: e.StatusCode, Code: e.ErrorCode, ETag: (string?)null);
                }
            }).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(attempts);

            var summary = string.Join(", ", outcomes.Select(o => $"#{o.Writer}: {(int)o.Status} {o.Code}"));
            var winners = outcomes.Where(o => o.Status == HttpStatusCode.OK).ToList();
            Assert.True(winners.Count == 1, "expected exactly one successful create: " + summary);
            Assert.All(outcomes.Where(o => o.Status != HttpStatusCode.OK), o => Assert.True(
                (o.Status, o.Code) is (HttpStatusCode.PreconditionFailed, "PreconditionFailed") or (HttpStatusCode.Conflict, "ConditionalRequestConflict"),
                "a losing writer got something else than 412 or 409: " + summary));

            var winner = winners[0];
            Assert.Equal(Quote(Md5Hex(bodies[winner.Writer])), winner.ETag);
            Assert.Equal(bodies[winner.Writer], await GetBytesAsync(bucket, "leader"));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static CompleteMultipartUploadRequest CompleteRequest(
        string bucket, string key, string uploadId, IReadOnlyList<byte[]> parts, Action<CompleteMultipartUploadRequest>? configure = null)
    {
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = parts.Select((p, i) => new PartETag { PartNumber = i + 1, ETag = Quote(Md5Hex(p)) }).ToList(),
        };
        configure?.Invoke(request);
        return request;
    }

    private static CopyObjectRequest CopyRequest(string bucket, string destinationKey, Action<CopyObjectRequest> configure)
    {
        var request = new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "source",
            DestinationBucket = bucket,
            DestinationKey = destinationKey,
        };
        configure(request);
        return request;
    }
}
