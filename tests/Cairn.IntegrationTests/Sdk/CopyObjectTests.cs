using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// CopyObject within and across buckets: bytes, metadata directive COPY/REPLACE, preconditions, and the
/// copy's independence from its source (a shared blob must survive deleting the source and a GC pass).
/// </summary>
public sealed class CopyObjectTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly byte[] Body = DeterministicStream.Slice(5, 0, 200_000);

    public CopyObjectTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task CopyObject_SameBucket_CopiesBytesETagAndMetadata()
    {
        var bucket = await CreateBucketAsync("copy-same");
        await PutSourceAsync(bucket, "src/original.bin");

        var copy = await S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "src/original.bin",
            DestinationBucket = bucket,
            DestinationKey = "dst/copy.bin",
        });

        Assert.Equal(Quoted(TestChecksums.Md5Hex(Body)), copy.ETag);
        Assert.Equal(Body, await GetBytesAsync(bucket, "dst/copy.bin"));
        var head = await S3.GetObjectMetadataAsync(bucket, "dst/copy.bin");
        Assert.Equal("application/x-source", head.Headers.ContentType);
        Assert.Equal("from-source", head.Metadata["origin"]);
        Assert.Equal(Quoted(TestChecksums.Md5Hex(Body)), head.ETag);
    }

    [Fact]
    public async Task CopyObject_OtherBucket_CopiesBytes()
    {
        var source = await CreateBucketAsync("copy-src");
        var target = await CreateBucketAsync("copy-dst");
        await PutSourceAsync(source, "file with spaces & ümlauts.bin");

        await S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = source,
            SourceKey = "file with spaces & ümlauts.bin",
            DestinationBucket = target,
            DestinationKey = "copied/ümlauts.bin",
        });

        Assert.Equal(Body, await GetBytesAsync(target, "copied/ümlauts.bin"));
        Assert.Equal(["copied/ümlauts.bin"], await ListAllKeysAsync(target));
        Assert.Equal(["file with spaces & ümlauts.bin"], await ListAllKeysAsync(source));
    }

    [Fact]
    public async Task CopyObject_MetadataDirectiveCopy_KeepsSourceMetadata()
    {
        var bucket = await CreateBucketAsync("copy-directive");
        await PutSourceAsync(bucket, "src");

        await S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "src",
            DestinationBucket = bucket,
            DestinationKey = "dst",
            MetadataDirective = S3MetadataDirective.COPY,
        });

        var head = await S3.GetObjectMetadataAsync(bucket, "dst");
        Assert.Equal("application/x-source", head.Headers.ContentType);
        Assert.Equal(["x-amz-meta-origin"], head.Metadata.Keys);
        Assert.Equal("from-source", head.Metadata["origin"]);
    }

    [Fact]
    public async Task CopyObject_MetadataDirectiveReplace_TakesNewMetadata()
    {
        var bucket = await CreateBucketAsync("copy-replace");
        await PutSourceAsync(bucket, "src");
        var request = new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "src",
            DestinationBucket = bucket,
            DestinationKey = "dst",
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = "text/x-replaced",
        };
        request.Metadata.Add("Replaced", "yes");

        await S3.CopyObjectAsync(request);

        var head = await S3.GetObjectMetadataAsync(bucket, "dst");
        Assert.Equal("text/x-replaced", head.Headers.ContentType);
        Assert.Equal(["x-amz-meta-replaced"], head.Metadata.Keys);
        Assert.Equal("yes", head.Metadata["replaced"]);
        Assert.Equal(Body, await GetBytesAsync(bucket, "dst"));
        Assert.Equal("from-source", (await S3.GetObjectMetadataAsync(bucket, "src")).Metadata["origin"]);
    }

    [Fact]
    public async Task CopyObject_OntoItselfWithReplace_UpdatesMetadataAndKeepsBytes()
    {
        var bucket = await CreateBucketAsync("copy-self");
        await PutSourceAsync(bucket, "self");
        var request = new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "self",
            DestinationBucket = bucket,
            DestinationKey = "self",
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = "application/x-updated",
        };
        request.Metadata.Add("origin", "updated-in-place");

        await S3.CopyObjectAsync(request);

        var head = await S3.GetObjectMetadataAsync(bucket, "self");
        Assert.Equal("application/x-updated", head.Headers.ContentType);
        Assert.Equal("updated-in-place", head.Metadata["origin"]);
        Assert.Equal(Body, await GetBytesAsync(bucket, "self"));
        Assert.Equal(["self"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task CopyObject_OntoItselfWithoutChanges_FailsWithInvalidRequest()
    {
        // S3: "This copy request is illegal because it is trying to copy an object to itself without
        // changing the object's metadata, storage class, website redirect location or encryption attributes."
        var bucket = await CreateBucketAsync("copy-self-bad");
        await PutSourceAsync(bucket, "self");

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidRequest", () => S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "self",
            DestinationBucket = bucket,
            DestinationKey = "self",
        }));

        Assert.Equal(Body, await GetBytesAsync(bucket, "self"));
    }

    [Fact]
    public async Task CopyObject_ETagToMatchMismatch_FailsWithPreconditionFailedAndCopiesNothing()
    {
        var bucket = await CreateBucketAsync("copy-if-match");
        await PutSourceAsync(bucket, "src");

        await S3Assert.ThrowsAsync(HttpStatusCode.PreconditionFailed, "PreconditionFailed", () => S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "src",
            DestinationBucket = bucket,
            DestinationKey = "dst",
            ETagToMatch = "\"0123456789abcdef0123456789abcdef\"",
        }));

        Assert.False(await ExistsAsync(bucket, "dst"));
    }

    [Fact]
    public async Task CopyObject_ETagToMatchCurrent_Copies()
    {
        var bucket = await CreateBucketAsync("copy-if-match-ok");
        var put = await PutSourceAsync(bucket, "src");

        await S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "src",
            DestinationBucket = bucket,
            DestinationKey = "dst",
            ETagToMatch = put.ETag,
        });

        Assert.Equal(Body, await GetBytesAsync(bucket, "dst"));
    }

    [Fact]
    public async Task CopyObject_MissingSource_FailsWithNoSuchKey()
    {
        var bucket = await CreateBucketAsync("copy-missing");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () => S3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket,
            SourceKey = "does-not-exist",
            DestinationBucket = bucket,
            DestinationKey = "dst",
        }));

        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task CopyObject_ThenDeleteSourceAndCollectGarbage_CopyStillReads()
    {
        var bucket = await CreateBucketAsync("copy-survives");
        await PutSourceAsync(bucket, "src");
        await S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst" });

        await S3.DeleteObjectAsync(bucket, "src");
        await Fixture.Host.CollectGarbageAsync(CancellationToken.None);

        Assert.Equal(Body, await GetBytesAsync(bucket, "dst"));
        Assert.Equal(["dst"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task CopyObject_ThenOverwriteSource_CopyKeepsOldBytes()
    {
        var bucket = await CreateBucketAsync("copy-isolated");
        await PutSourceAsync(bucket, "src");
        await S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "dst" });

        await PutTextAsync(bucket, "src", "new source content");
        await Fixture.Host.CollectGarbageAsync(CancellationToken.None);

        Assert.Equal(Body, await GetBytesAsync(bucket, "dst"));
        Assert.Equal("new source content", Encoding.UTF8.GetString(await GetBytesAsync(bucket, "src")));
    }

    private Task<PutObjectResponse> PutSourceAsync(string bucket, string key) => PutAsync(bucket, key, Body, r =>
    {
        r.ContentType = "application/x-source";
        r.Metadata.Add("origin", "from-source");
    });

    private static string Quoted(string hex) => "\"" + hex + "\"";
}
