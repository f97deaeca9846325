using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.DiskSpace.SmallVolumeServer;

namespace Cairn.IntegrationTests.DiskSpace;

/// <summary>
/// Cairn on a data volume that runs full for real: a 64 MiB tmpfs (mounting needs root; skipped otherwise,
/// failed under CI) filled from outside by a filler file. Writes are refused with 507 InsufficientStorage and
/// leave nothing behind, reads and deletes keep working, also after a restart on the full volume, and writes
/// work again without a restart once space returns.
/// </summary>
public sealed class FullDiskTests
{
    private const long VolumeSize = 64 * MiB;

    /// <summary>The floor these servers keep: the default 64 MiB would not leave room for anything on this volume.</summary>
    private const long Floor = 8 * MiB;

    private const string Bucket = "disk";

    [SkippableFact]
    public async Task A_put_that_would_cross_the_free_space_floor_is_refused_with_507_naming_the_floor_and_leaves_nothing_behind()
    {
        await using var server = await StartAsync(VolumeSize, minFreeSpace: 16 * MiB);
        using var s3 = server.CreateClient();
        await s3.PutBucketAsync(Bucket);
        var free = server.Volume.FreeBytes;

        // Fits on the volume, but would leave less than the floor.
        var error = await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage",
            () => s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "too-big", InputStream = new DeterministicStream(free - 12 * MiB, 1) }));

        Assert.Contains("16.0 MiB floor (Cairn:Limits:MinFreeSpace)", error.Message);
        Assert.Contains("Not enough free space on the data volume", error.Message);
        await DataDirectoryInspector.AssertTempEmptyAsync(server.DataDirectory);
        Assert.Empty(DataDirectoryInspector.BlobFiles(server.DataDirectory));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => s3.GetObjectMetadataAsync(Bucket, "too-big"));

        // One that leaves the floor free goes through.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "fits", InputStream = new DeterministicStream(free - 24 * MiB, 2) });
        Assert.Equal(free - 24 * MiB, (await s3.GetObjectMetadataAsync(Bucket, "fits")).ContentLength);
    }

    [SkippableFact]
    public async Task A_full_disk_refuses_writes_with_507_but_reads_and_deletes_work_also_after_a_restart()
    {
        await using var server = await StartAsync(VolumeSize, Floor);
        var s3 = server.CreateClient();
        await s3.PutBucketAsync(Bucket);
        foreach (var key in new[] { "small-1", "small-2", "small-3", "small-4" })
        {
            await PutTextAsync(s3, key, "inline " + key);
        }

        foreach (var key in new[] { "large-1", "large-2", "large-3" })
        {
            await PutLargeAsync(s3, key, 1 * MiB);
        }

        server.Volume.Fill();

        await AssertWritesRefusedAsync(s3);
        Assert.Equal("inline small-1", await GetTextAsync(s3, "small-1"));
        await AssertLargeAsync(s3, "large-1", 1 * MiB);
        await s3.DeleteObjectAsync(Bucket, "small-2");
        await AssertDeletedAsync(s3, "small-3", "large-2");

        // The volume is still full (topped up while the server was down, when closing the database gave a little back).
        s3.Dispose();
        await server.RestartAsync(() => server.Volume.Fill());
        s3 = server.CreateClient();

        Assert.Equal("inline small-1", await GetTextAsync(s3, "small-1"));
        await AssertLargeAsync(s3, "large-1", 1 * MiB);
        await s3.DeleteObjectAsync(Bucket, "small-4");
        await AssertDeletedAsync(s3, "large-3");
        await AssertWritesRefusedAsync(s3);
        var left = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
        Assert.Equal(["large-1", "small-1"], left.S3Objects.Select(o => o.Key));
        await DataDirectoryInspector.AssertTempEmptyAsync(server.DataDirectory);
        s3.Dispose();
    }

    [SkippableFact]
    public async Task After_space_returns_puts_work_again_without_a_restart_and_the_reserve_is_back()
    {
        // The reserve is for the embedded database's own writes on the full volume.
        await using var server = await StartAsync(VolumeSize, Floor, embeddedMetadata: true);
        var reserve = server.ReserveFiles();
        Assert.Equal(2, reserve.Count);
        var s3 = server.CreateClient();
        await s3.PutBucketAsync(Bucket);
        await PutLargeAsync(s3, "large", 4 * MiB);

        // Started on a full volume, the server had to use its reserve to open the database.
        s3.Dispose();
        await server.RestartAsync(() => server.Volume.Fill());
        s3 = server.CreateClient();
        Assert.True(server.ReserveFiles().Count < 2, "the reserve was not used on the full volume");
        await AssertWritesRefusedAsync(s3);

        // Deleting gives the large object's blob back once the collector has run.
        await s3.DeleteObjectAsync(Bucket, "large");
        await server.Host.CollectGarbageAsync();
        Assert.Empty(DataDirectoryInspector.BlobFiles(server.DataDirectory));

        server.Volume.RemoveFiller();

        await PutTextAsync(s3, "small-after", "back in business");
        await PutLargeAsync(s3, "large-after", 2 * MiB);
        Assert.Equal("back in business", await GetTextAsync(s3, "small-after"));
        await AssertLargeAsync(s3, "large-after", 2 * MiB);
        Assert.Equal(reserve, server.ReserveFiles());
        s3.Dispose();
    }

    [SkippableFact]
    public async Task With_the_floor_off_a_put_that_runs_out_of_space_midway_answers_507_and_leaves_nothing_behind()
    {
        await using var server = await StartAsync(VolumeSize, minFreeSpace: 0);
        using var s3 = server.CreateClient();
        await s3.PutBucketAsync(Bucket);
        server.Volume.FillLeaving(4 * MiB);

        var error = await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage",
            () => PutLargeAsync(s3, "does-not-fit", 8 * MiB));

        Assert.Contains("ran out of space while writing object data", error.Message);
        await DataDirectoryInspector.AssertTempEmptyAsync(server.DataDirectory);
        Assert.Empty(DataDirectoryInspector.BlobFiles(server.DataDirectory));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => s3.GetObjectMetadataAsync(Bucket, "does-not-fit"));

        // The failed upload's temp file gave its space back: what fits still goes in.
        await PutLargeAsync(s3, "fits", 2 * MiB);
        await AssertLargeAsync(s3, "fits", 2 * MiB);
    }

    [SkippableFact]
    public async Task Operations_that_add_metadata_are_refused_with_507_on_a_full_disk()
    {
        await using var server = await StartAsync(VolumeSize, Floor);
        using var s3 = server.CreateClient();
        await s3.PutBucketAsync(Bucket);
        await PutTextAsync(s3, "source", "copy me");
        server.Volume.Fill();

        await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage", () => s3.PutBucketAsync("another-bucket"));
        await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage",
            () => s3.CopyObjectAsync(Bucket, "source", Bucket, "copy"));
        await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage",
            () => s3.InitiateMultipartUploadAsync(Bucket, "multipart"));

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => s3.GetObjectMetadataAsync(Bucket, "copy"));
        Assert.Equal("copy me", await GetTextAsync(s3, "source"));
    }

    [SkippableFact]
    public async Task Multipart_parts_and_completion_are_refused_with_507_on_a_full_disk_and_abort_still_works()
    {
        await using var server = await StartAsync(VolumeSize, Floor);
        using var s3 = server.CreateClient();
        await s3.PutBucketAsync(Bucket);
        await PutLargeAsync(s3, "copy-source", 1 * MiB);
        var uploadId = (await s3.InitiateMultipartUploadAsync(Bucket, "multipart")).UploadId;
        var part1 = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = Bucket, Key = "multipart", UploadId = uploadId, PartNumber = 1, InputStream = new DeterministicStream(1 * MiB, 7),
        });
        server.Volume.Fill();

        await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage", () => s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = Bucket, Key = "multipart", UploadId = uploadId, PartNumber = 2, InputStream = new DeterministicStream(1 * MiB, 8),
        }));
        await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage", () => s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = Bucket, SourceKey = "copy-source", DestinationBucket = Bucket, DestinationKey = "multipart",
            UploadId = uploadId, PartNumber = 3, FirstByte = 0, LastByte = 512 * 1024 - 1,
        }));
        await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage", () => s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = Bucket, Key = "multipart", UploadId = uploadId, PartETags = [new PartETag(1, part1.ETag)],
        }));

        await s3.AbortMultipartUploadAsync(Bucket, "multipart", uploadId);

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchUpload", () => s3.ListPartsAsync(Bucket, "multipart", uploadId));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => s3.GetObjectMetadataAsync(Bucket, "multipart"));
        await DataDirectoryInspector.AssertTempEmptyAsync(server.DataDirectory);
    }

    /// <summary>A small object (kept inline in its metadata row) and a large one (a blob file) are both refused.</summary>
    private static async Task AssertWritesRefusedAsync(AmazonS3Client s3)
    {
        await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage", () => PutTextAsync(s3, "refused-small", "no room"));
        await S3Assert.ThrowsAsync(HttpStatusCode.InsufficientStorage, "InsufficientStorage", () => PutLargeAsync(s3, "refused-large", 2 * MiB));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => s3.GetObjectMetadataAsync(Bucket, "refused-small"));
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => s3.GetObjectMetadataAsync(Bucket, "refused-large"));
    }

    private static async Task AssertDeletedAsync(AmazonS3Client s3, params string[] keys)
    {
        var result = await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = Bucket, Objects = keys.Select(k => new KeyVersion { Key = k }).ToList() });
        Assert.Empty(result.DeleteErrors ?? []);
        Assert.Equal(keys.Order(), result.DeletedObjects.Select(d => d.Key).Order());
        foreach (var key in keys)
        {
            await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, null, () => s3.GetObjectMetadataAsync(Bucket, key));
        }
    }

    private static Task PutTextAsync(AmazonS3Client s3, string key, string text) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = text });

    private static Task PutLargeAsync(AmazonS3Client s3, string key, long size) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new DeterministicStream(size, Seed(key)) });

    private static async Task<string> GetTextAsync(AmazonS3Client s3, string key)
    {
        using var response = await s3.GetObjectAsync(Bucket, key);
        using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task AssertLargeAsync(AmazonS3Client s3, string key, long size)
    {
        using var response = await s3.GetObjectAsync(Bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        Assert.Equal(DeterministicStream.Slice(Seed(key), 0, (int)size), buffer.ToArray());
    }

    private static ulong Seed(string key) => (ulong)key.Aggregate(17, (h, c) => h * 31 + c);
}
