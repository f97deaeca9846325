using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.MultiNode;

/// <summary>
/// One upload served by two nodes (docs/storage.md "PostgreSQL", README "Running several nodes"): any node takes any
/// request of any upload, and races between nodes end as they do on one node — one winner, nothing leaked.
/// </summary>
public sealed class TwoNodeUploadTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;

    private TwoNodes? _nodes;

    /// <summary>Starts the pair inside the test, so a missing PostgreSQL skips the test (or fails it under CI).</summary>
    private async Task<TwoNodes> StartAsync() => _nodes = await TwoNodes.StartAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Parts_sent_alternately_to_two_nodes_complete_on_one_and_read_whole_on_the_other()
    {
        var nodes = await StartAsync();
        using var a = nodes.ClientA();
        using var b = nodes.ClientB();
        await a.PutBucketAsync("shared");
        byte[][] parts = [Data(5 * MiB, 1), Data(5 * MiB, 2), Data(5 * MiB, 3), Data(123_457, 4)];
        var uploadId = (await b.InitiateMultipartUploadAsync("shared", "big/object.bin")).UploadId;

        var etags = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var node = i % 2 == 0 ? a : b;
            var response = await node.UploadPartAsync(new UploadPartRequest
            {
                BucketName = "shared", Key = "big/object.bin", UploadId = uploadId, PartNumber = i + 1, InputStream = new MemoryStream(parts[i]),
            });
            etags.Add(new PartETag(i + 1, response.ETag));
        }

        var fromA = await ListPartsAsync(a, uploadId);
        var fromB = await ListPartsAsync(b, uploadId);
        Assert.Equal(etags.Select(e => (e.PartNumber ?? 0, e.ETag)), fromA.Select(p => (p.PartNumber ?? 0, p.ETag)));
        Assert.Equal(fromA.Select(p => (p.PartNumber, p.ETag, p.Size, p.LastModified)), fromB.Select(p => (p.PartNumber, p.ETag, p.Size, p.LastModified)));

        var completed = await a.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "shared", Key = "big/object.bin", UploadId = uploadId, PartETags = etags,
        });

        using var got = await b.GetObjectAsync("shared", "big/object.bin");
        Assert.Equal(completed.ETag, got.ETag);
        Assert.Equal(MD5.HashData(parts.SelectMany(p => p).ToArray()), await MD5.HashDataAsync(got.ResponseStream));
        Assert.Equal(parts.Sum(p => (long)p.Length), (await a.GetObjectMetadataAsync("shared", "big/object.bin")).ContentLength);
    }

    [SkippableFact]
    public async Task Complete_on_one_node_racing_Abort_on_the_other_has_one_winner_and_leaks_nothing()
    {
        var nodes = await StartAsync();
        using var a = nodes.ClientA();
        using var b = nodes.ClientB();
        await a.PutBucketAsync("race");
        var winners = new List<string>();
        for (var round = 0; round < 8; round++)
        {
            var key = $"race/{round}";
            byte[][] parts = [Data(100 * 1024, (ulong)(10 * round)), Data(7, (ulong)(10 * round + 1))];
            var uploadId = (await a.InitiateMultipartUploadAsync("race", key)).UploadId;
            var etags = new List<PartETag>();
            for (var i = 0; i < parts.Length; i++)
            {
                var response = await (i == 0 ? a : b).UploadPartAsync(new UploadPartRequest
                {
                    BucketName = "race", Key = key, UploadId = uploadId, PartNumber = i + 1, InputStream = new MemoryStream(parts[i]),
                });
                etags.Add(new PartETag(i + 1, response.ETag));
            }

            var complete = ErrorOf(() => a.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = "race", Key = key, UploadId = uploadId, PartETags = etags,
            }));
            var abort = ErrorOf(() => b.AbortMultipartUploadAsync("race", key, uploadId));
            var (completeError, abortError) = (await complete, await abort);

            Assert.True((completeError is null) != (abortError is null),
                $"round {round}: exactly one must win; Complete: {completeError?.Message}; Abort: {abortError?.Message}");
            var loser = completeError ?? abortError!;
            Assert.True(loser is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound, ErrorCode: "NoSuchUpload" },
                $"round {round}: the loser must fail with 404 NoSuchUpload, got {loser.Message}");
            if (completeError is null)
            {
                winners.Add("complete");
                using var got = await b.GetObjectAsync("race", key);
                Assert.Equal(MD5.HashData(parts.SelectMany(p => p).ToArray()), await MD5.HashDataAsync(got.ResponseStream));
            }
            else
            {
                winners.Add("abort");
                await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => a.GetObjectMetadataAsync("race", key));
            }

            await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchUpload", () => b.ListPartsAsync("race", key, uploadId));
        }

        // Nothing leaked: once every object is deleted, both nodes' collectors leave no blob and no temp file behind.
        for (var round = 0; round < winners.Count; round++)
        {
            await b.DeleteObjectAsync("race", $"race/{round}");
        }

        await nodes.A.CollectGarbageAsync();
        await nodes.B.CollectGarbageAsync();
        Assert.Empty(DataDirectoryInspector.BlobFiles(nodes.DataDirectory));
        await DataDirectoryInspector.AssertTempEmptyAsync(nodes.DataDirectory);
    }

    private static async Task<List<PartDetail>> ListPartsAsync(AmazonS3Client client, string uploadId) =>
        (await client.ListPartsAsync(new ListPartsRequest { BucketName = "shared", Key = "big/object.bin", UploadId = uploadId })).Parts ?? [];

    private static async Task<Exception?> ErrorOf(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (AmazonS3Exception e)
        {
            return e;
        }
    }

    private static byte[] Data(int size, ulong seed) => DeterministicStream.Slice(seed, 0, size);
}
