using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Blob files on disk versus live objects: after overwrites, deletes and failed uploads, a GC pass leaves
/// exactly one blob file per live (non-copied) object, and the live objects still read. Blob counts are
/// taken relative to a GC'd baseline, since the class's other tests share the server. The server stores every
/// object as a blob here; inline small objects are covered by <see cref="InlineObjectTests"/>.
/// </summary>
public sealed class GarbageCollectionTests : SdkTestBase, IClassFixture<BlobOnlyServerFixture>
{
    public GarbageCollectionTests(BlobOnlyServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task CollectGarbage_AfterOverwriteAndDelete_LeavesOneBlobPerLiveObject()
    {
        var baseline = await CollectAndCountBlobsAsync();
        var bucket = await CreateBucketAsync("gc");

        await PutTextAsync(bucket, "overwritten", "version 1");
        await PutTextAsync(bucket, "overwritten", "version 2, longer");
        await PutTextAsync(bucket, "overwritten", "version 3");
        await PutTextAsync(bucket, "deleted", "short-lived");
        await S3.DeleteObjectAsync(bucket, "deleted");
        await PutTextAsync(bucket, "batch-deleted", "also short-lived");
        await S3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = [new() { Key = "batch-deleted" }] });
        await PutTextAsync(bucket, "kept", "kept as is");
        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "BadDigest", () => PutAsync(bucket, "rejected", Encoding.UTF8.GetBytes("bad"), r =>
        {
            r.ChecksumAlgorithm = ChecksumAlgorithm.CRC32;
            r.ChecksumCRC32 = "AAAAAA==";
        }));

        var after = await CollectAndCountBlobsAsync();

        Assert.Equal(baseline + 2, after);
        Assert.Equal("version 3", await GetTextAsync(bucket, "overwritten"));
        Assert.Equal("kept as is", await GetTextAsync(bucket, "kept"));
        Assert.Equal(["kept", "overwritten"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task CollectGarbage_RepeatedPass_RemovesNothingMore()
    {
        var bucket = await CreateBucketAsync("gc-idempotent");
        await PutTextAsync(bucket, "a", "1");
        await PutTextAsync(bucket, "a", "2");
        var first = await CollectAndCountBlobsAsync();

        var removed = await Fixture.Host.CollectGarbageAsync(CancellationToken.None);

        Assert.Equal(0, removed);
        Assert.Equal(first, DataDirectoryInspector.BlobFiles(Fixture.DataDirectory).Count);
        Assert.Equal("2", await GetTextAsync(bucket, "a"));
    }

    [Fact]
    public async Task CollectGarbage_AfterDeletingEveryObjectAndTheBucket_ReturnsToBaseline()
    {
        var baseline = await CollectAndCountBlobsAsync();
        var bucket = await CreateBucketAsync("gc-all");
        var keys = Enumerable.Range(0, 40).Select(i => $"k{i}").ToList();
        await PutManyAsync(bucket, keys);
        Assert.Equal(baseline + 40, await CollectAndCountBlobsAsync());

        await S3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = keys.Select(k => new KeyVersion { Key = k }).ToList() });
        await S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket });

        Assert.Equal(baseline, await CollectAndCountBlobsAsync());
    }

    [Fact]
    public async Task CollectGarbage_KeepsBlobSharedByCopyUntilLastReferenceGoes()
    {
        var baseline = await CollectAndCountBlobsAsync();
        var bucket = await CreateBucketAsync("gc-copy");
        var body = DeterministicStream.Slice(77, 0, 100_000);
        await PutAsync(bucket, "source", body);
        await S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "copy" });
        var withCopy = await CollectAndCountBlobsAsync();
        Assert.InRange(withCopy, baseline + 1, baseline + 2); // a copy may share the blob or have its own

        await S3.DeleteObjectAsync(bucket, "source");
        Assert.InRange(await CollectAndCountBlobsAsync(), baseline + 1, baseline + 1);
        Assert.Equal(body, await GetBytesAsync(bucket, "copy"));

        await S3.DeleteObjectAsync(bucket, "copy");
        Assert.Equal(baseline, await CollectAndCountBlobsAsync());
    }

    [Fact]
    public async Task FailedUploads_LeaveNoTempFilesAndNoBlobs()
    {
        var baseline = await CollectAndCountBlobsAsync();
        var bucket = await CreateBucketAsync("gc-failed");
        var body = DeterministicStream.Slice(4, 0, 300_000);

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "BadDigest", () => PutAsync(bucket, "md5", body, r => r.MD5Digest = TestChecksums.Md5Base64([1])));
        using (var sha = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "sha"), body, payloadHash: TestChecksums.Sha256Hex([1])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, sha.StatusCode);
        }

        Assert.Empty(await DataDirectoryInspector.WaitForEmptyTempAsync(Fixture.DataDirectory, TimeSpan.FromSeconds(5)));
        Assert.Equal(baseline, await CollectAndCountBlobsAsync());
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    private async Task<int> CollectAndCountBlobsAsync()
    {
        await Fixture.Host.CollectGarbageAsync(CancellationToken.None);
        return DataDirectoryInspector.BlobFiles(Fixture.DataDirectory).Count;
    }
}
