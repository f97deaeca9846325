using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Tests.Support;

namespace Cairn.Core.Tests.Objects;

/// <summary>
/// DeleteObject and CopyObject: a delete hides the object and queues its blob; a copy shares the source's bytes,
/// so it outlives the source, and takes its metadata from the source unless told to replace it.
/// </summary>
public sealed class ObjectServiceDeleteCopyTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly CoreTestStore _store = new(new StorageLimits { InlineObjectMaxSize = 1024 });

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Deleting_hides_the_object_and_queues_its_blob_as_garbage()
    {
        var bucket = await _store.CreateBucketAsync();
        await _store.PutAsync(bucket, "k", TestBodies.Bytes(5000));
        var blob = Assert.Single(_store.BlobIds());

        Assert.True(await _store.Objects.DeleteAsync(bucket, "k", WriteCondition.None, None));

        Assert.Null(await _store.GetAsync(bucket, "k"));
        Assert.Empty(await _store.ListKeysAsync(bucket));
        Assert.Equal([blob], await _store.GarbageAsync());
    }

    [Fact]
    public async Task Deleting_a_missing_key_reports_that_nothing_was_there()
    {
        var bucket = await _store.CreateBucketAsync();

        Assert.False(await _store.Objects.DeleteAsync(bucket, "absent", WriteCondition.None, None));
    }

    [Fact]
    public async Task Deleting_in_a_missing_bucket_fails_with_NoSuchBucket()
    {
        var error = await Assert.ThrowsAsync<CairnException>(() => _store.Objects.DeleteAsync("nowhere", "k", WriteCondition.None, None));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public async Task A_copy_reads_back_the_same_bytes_and_outlives_its_source(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(size);
        var source = await _store.PutAsync(bucket, "source", data);

        var copy = await CopyAsync(source, bucket, "copy");
        await _store.Objects.DeleteAsync(bucket, "source", WriteCondition.None, None);

        Assert.Equal(source.ETag, copy.ETag);
        Assert.Equal(data, await _store.GetAsync(bucket, "copy"));
        Assert.Equal(["copy"], await _store.ListKeysAsync(bucket));
        Assert.Empty(await _store.GarbageAsync());
    }

    [Fact]
    public async Task A_copy_keeps_the_source_metadata_unless_asked_to_replace_it()
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(100);
        var command = TestPuts.Command(bucket, "source", data) with
        {
            Headers = new ObjectHeaders { ContentType = "image/png" },
            UserMetadata = new Dictionary<string, string> { ["origin"] = "camera" },
        };
        var source = await _store.Objects.PutAsync(command, new MemoryStream(data), None);
        var newHeaders = new ObjectHeaders { ContentType = "text/plain" };
        var newMetadata = new Dictionary<string, string> { ["origin"] = "scanner" };

        var kept = await CopyAsync(source, bucket, "kept", replace: false, newHeaders, newMetadata);
        var replaced = await CopyAsync(source, bucket, "replaced", replace: true, newHeaders, newMetadata);

        Assert.Equal("image/png", (await InfoAsync(bucket, "kept")).Headers.ContentType);
        Assert.Equal("camera", (await InfoAsync(bucket, "kept")).UserMetadata["origin"]);
        Assert.Equal("text/plain", (await InfoAsync(bucket, "replaced")).Headers.ContentType);
        Assert.Equal("scanner", (await InfoAsync(bucket, "replaced")).UserMetadata["origin"]);
        Assert.Equal(kept.ETag, replaced.ETag);
    }

    [Fact]
    public async Task Copying_an_object_onto_itself_without_replacing_its_metadata_is_refused()
    {
        var bucket = await _store.CreateBucketAsync();
        var source = await _store.PutAsync(bucket, "k", TestBodies.Bytes(100));

        var error = await Assert.ThrowsAsync<CairnException>(() => CopyAsync(source, bucket, "k"));

        Assert.Equal(ErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task Copying_into_a_missing_bucket_fails_with_NoSuchBucket()
    {
        var bucket = await _store.CreateBucketAsync();
        var source = await _store.PutAsync(bucket, "k", TestBodies.Bytes(100));

        var error = await Assert.ThrowsAsync<CairnException>(() => CopyAsync(source, "nowhere", "k"));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
    }

    [Fact]
    public async Task A_copy_with_If_None_Match_any_onto_an_existing_key_fails_with_PreconditionFailed()
    {
        var bucket = await _store.CreateBucketAsync();
        var source = await _store.PutAsync(bucket, "source", TestBodies.Bytes(100, seed: 1));
        var existing = TestBodies.Bytes(100, seed: 2);
        await _store.PutAsync(bucket, "target", existing);

        var error = await Assert.ThrowsAsync<CairnException>(
            () => CopyAsync(source, bucket, "target", condition: new WriteCondition(IfNoneMatchAny: true, IfMatch: null)));

        Assert.Equal(ErrorCode.PreconditionFailed, error.Code);
        Assert.Equal(existing, await _store.GetAsync(bucket, "target"));
    }

    private Task<ObjectRecord> CopyAsync(
        ObjectRecord source, string bucket, string key, bool replace = false, ObjectHeaders? headers = null,
        IReadOnlyDictionary<string, string>? userMetadata = null, WriteCondition? condition = null) =>
        _store.Objects.CopyAsync(
            source, bucket, key, replace, headers ?? new ObjectHeaders(), userMetadata ?? new Dictionary<string, string>(),
            source.Tags, CoreTestStore.Owner, acl: null, condition ?? WriteCondition.None, None);

    private async Task<ObjectRecord> InfoAsync(string bucket, string key) =>
        await _store.Objects.GetInfoAsync(bucket, key, None) ?? throw new Xunit.Sdk.XunitException($"{key} is missing");
}
