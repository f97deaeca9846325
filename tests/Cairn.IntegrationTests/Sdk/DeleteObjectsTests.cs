using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Multi-object delete (<c>POST /bucket?delete</c>). The SDK sends it with an x-amz-checksum-crc32 instead
/// of Content-MD5 (docs/s3-compatibility.md "Checksums"), which the server must accept.
/// </summary>
public sealed class DeleteObjectsTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public DeleteObjectsTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task DeleteObjects_ExistingAndMissingKeys_ReportsAllDeletedAndRemovesOnlyThem()
    {
        var bucket = await CreateBucketAsync("multi-delete");
        foreach (var key in new[] { "a.txt", "dir/b.txt", "keep.txt" })
        {
            await PutTextAsync(bucket, key, key);
        }

        var response = await S3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = [new() { Key = "a.txt" }, new() { Key = "dir/b.txt" }, new() { Key = "missing-1" }, new() { Key = "dir/missing-2" }],
        });

        Assert.Equal(
            ["a.txt", "dir/b.txt", "dir/missing-2", "missing-1"],
            (response.DeletedObjects ?? []).Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Empty(response.DeleteErrors ?? []);
        Assert.Equal(["keep.txt"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task DeleteObjects_Quiet_ReturnsNoDeletedEntriesButDeletes()
    {
        var bucket = await CreateBucketAsync("quiet-delete");
        await PutTextAsync(bucket, "x", "1");
        await PutTextAsync(bucket, "y", "2");

        var response = await S3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Quiet = true,
            Objects = [new() { Key = "x" }, new() { Key = "y" }, new() { Key = "not-there" }],
        });

        Assert.Empty(response.DeletedObjects ?? []);
        Assert.Empty(response.DeleteErrors ?? []);
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task DeleteObjects_KeysWithXmlSpecialCharactersAndUnicode_AreDeleted()
    {
        var bucket = await CreateBucketAsync("xml-keys");
        string[] keys = ["a&b", "<tag>", "quote\"s'", "ünï/cödé 😀", "spaces  inside"];
        foreach (var key in keys)
        {
            await PutTextAsync(bucket, key, "x");
        }

        var response = await S3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = keys.Select(k => new KeyVersion { Key = k }).ToList(),
        });

        Assert.Equal(keys.Order(StringComparer.Ordinal), (response.DeletedObjects ?? []).Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task DeleteObjects_ThousandKeys_DeletesAllInOneRequest()
    {
        var bucket = await CreateBucketAsync("thousand");
        var keys = Enumerable.Range(0, 1000).Select(i => $"k{i:D4}").ToList();
        await PutManyAsync(bucket, keys.Take(100)); // only some exist; missing keys count as deleted too

        var response = await S3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = keys.Select(k => new KeyVersion { Key = k }).ToList(),
        });

        Assert.Equal(1000, (response.DeletedObjects ?? []).Count);
        Assert.Empty(await ListAllKeysAsync(bucket));
    }
}
