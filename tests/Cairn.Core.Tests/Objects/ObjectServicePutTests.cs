using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Tests.Support;

namespace Cairn.Core.Tests.Objects;

/// <summary>
/// PutObject through <see cref="Core.Objects.ObjectService"/>: small objects live in their metadata row, larger ones
/// in one blob file; a body that is too long, too short or broken off stores nothing and leaves no file behind.
/// </summary>
public sealed class ObjectServicePutTests : IDisposable
{
    private const int InlineLimit = 1024;
    private const int MaxSize = 64 * 1024;

    private readonly CoreTestStore _store = new(new StorageLimits { InlineObjectMaxSize = InlineLimit, MaxPutObjectSize = MaxSize });

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(InlineLimit)]
    public async Task A_small_object_reads_back_and_lists_without_any_blob_file(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(size);

        var record = await _store.PutAsync(bucket, "small", data);

        Assert.Equal(data, await _store.GetAsync(bucket, "small"));
        Assert.Equal(["small"], await _store.ListKeysAsync(bucket));
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), record.ETag);
        Assert.Equal(_store.Time.GetUtcNow(), record.LastModified);
        Assert.Empty(_store.BlobIds());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(InlineLimit)]
    [InlineData(InlineLimit + 1)]
    public async Task Every_put_records_the_CRC64XZ_of_its_bytes_inline_or_not(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(size);

        var record = await _store.PutAsync(bucket, "crc", data);

        var raw = Convert.FromBase64String(record.Checksums[Cairn.Core.Checksums.ChecksumAlgorithm.Crc64Xz]);
        Assert.Equal(Cairn.Core.Checksums.Crc64Xz.Compute(data), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(raw));
        Assert.Null(record.ChecksumType);
    }

    [Theory]
    [InlineData(InlineLimit + 1)]
    [InlineData(MaxSize)]
    public async Task A_larger_object_reads_back_from_exactly_one_blob_file(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(size);

        var record = await _store.PutAsync(bucket, "large", data);

        Assert.Equal(data, await _store.GetAsync(bucket, "large"));
        Assert.Equal(size, record.Size);
        Assert.Single(_store.BlobIds());
        Assert.Empty(_store.TempFiles());
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(InlineLimit, 0)]
    [InlineData(InlineLimit + 1, 1)]
    [InlineData(MaxSize, 1)]
    public async Task A_body_without_an_announced_length_is_read_to_its_end_and_stored_by_its_size(int size, int blobFiles)
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(size);
        var command = TestPuts.Command(bucket, "streamed", data, announceLength: false);

        var record = await _store.Objects.PutAsync(command, new MemoryStream(data), CancellationToken.None);

        Assert.Equal(size, record.Size);
        Assert.Equal(data, await _store.GetAsync(bucket, "streamed"));
        Assert.Equal(blobFiles, _store.BlobIds().Count);
    }

    [Fact]
    public async Task An_announced_length_over_the_limit_is_refused_with_EntityTooLarge()
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(MaxSize + 1);

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync(bucket, "huge", data));

        Assert.Equal(ErrorCode.EntityTooLarge, error.Code);
        Assert.Null(await _store.GetAsync(bucket, "huge"));
        await _store.AssertNoDataLeftAsync();
    }

    [Fact]
    public async Task A_body_without_length_that_grows_past_the_limit_is_refused_and_leaves_no_file()
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(MaxSize + 1);
        var command = TestPuts.Command(bucket, "huge", data, announceLength: false);

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.Objects.PutAsync(command, new MemoryStream(data), CancellationToken.None));

        Assert.Equal(ErrorCode.EntityTooLarge, error.Code);
        Assert.Null(await _store.GetAsync(bucket, "huge"));
        await _store.AssertNoDataLeftAsync();
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public async Task A_body_shorter_than_announced_fails_with_IncompleteBody_and_stores_nothing(int sent)
    {
        var bucket = await _store.CreateBucketAsync();
        var command = TestPuts.Command(bucket, "short", TestBodies.Bytes(sent + 100));

        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.Objects.PutAsync(command, new MemoryStream(TestBodies.Bytes(sent)), CancellationToken.None));

        Assert.Equal(ErrorCode.IncompleteBody, error.Code);
        Assert.Empty(await _store.ListKeysAsync(bucket));
        await _store.AssertNoDataLeftAsync();
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public async Task A_body_longer_than_announced_is_refused_and_stores_nothing(int announced)
    {
        var bucket = await _store.CreateBucketAsync();
        var command = TestPuts.Command(bucket, "long", TestBodies.Bytes(announced));

        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.Objects.PutAsync(command, new MemoryStream(TestBodies.Bytes(announced + 1)), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidRequest, error.Code);
        Assert.Empty(await _store.ListKeysAsync(bucket));
        await _store.AssertNoDataLeftAsync();
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public async Task A_client_that_goes_away_mid_body_gets_IncompleteBody_and_leaves_no_file(int sent)
    {
        var bucket = await _store.CreateBucketAsync();
        var command = TestPuts.Command(bucket, "cut", TestBodies.Bytes(sent * 2));

        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.Objects.PutAsync(command, TestBodies.BreakingOffAfter(TestBodies.Bytes(sent)), CancellationToken.None));

        Assert.Equal(ErrorCode.IncompleteBody, error.Code);
        Assert.Empty(await _store.ListKeysAsync(bucket));
        await _store.AssertNoDataLeftAsync();
    }

    [Fact]
    public async Task Overwriting_serves_the_new_content_and_queues_the_old_blob_as_garbage()
    {
        var bucket = await _store.CreateBucketAsync();
        await _store.PutAsync(bucket, "k", TestBodies.Bytes(5000, seed: 1));
        var oldBlob = Assert.Single(_store.BlobIds());
        var replacement = TestBodies.Bytes(6000, seed: 2);

        await _store.PutAsync(bucket, "k", replacement);

        Assert.Equal(replacement, await _store.GetAsync(bucket, "k"));
        Assert.Equal([oldBlob], await _store.GarbageAsync());
    }

    [Fact]
    public async Task Headers_user_metadata_and_owner_are_kept_with_the_object()
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(10);
        var command = TestPuts.Command(bucket, "k", data) with
        {
            Headers = new ObjectHeaders { ContentType = "text/plain", CacheControl = "no-cache" },
            UserMetadata = new Dictionary<string, string> { ["colour"] = "blue" },
        };

        await _store.Objects.PutAsync(command, new MemoryStream(data), CancellationToken.None);

        var info = await _store.Objects.GetInfoAsync(bucket, "k", CancellationToken.None);
        Assert.NotNull(info);
        Assert.Equal(command.Headers, info.Headers);
        Assert.Equal("blue", info.UserMetadata["colour"]);
        Assert.Equal(CoreTestStore.Owner, info.Owner);
    }

    [Fact]
    public async Task A_put_into_a_missing_bucket_fails_with_NoSuchBucket()
    {
        var error = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync("nowhere", "k", TestBodies.Bytes(10)));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
        await _store.AssertNoDataLeftAsync();
    }

    [Fact]
    public async Task A_key_longer_than_the_limit_is_refused_with_KeyTooLongError()
    {
        var bucket = await _store.CreateBucketAsync();
        var key = new string('k', _store.Limits.MaxKeyBytes + 1);

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync(bucket, key, TestBodies.Bytes(10)));

        Assert.Equal(ErrorCode.KeyTooLongError, error.Code);
        Assert.Empty(await _store.ListKeysAsync(bucket));
    }

    [Fact]
    public async Task Reading_a_missing_key_finds_nothing_and_a_missing_bucket_fails_with_NoSuchBucket()
    {
        var bucket = await _store.CreateBucketAsync();

        Assert.Null(await _store.Objects.GetInfoAsync(bucket, "absent", CancellationToken.None));
        var error = await Assert.ThrowsAsync<CairnException>(() => _store.Objects.GetInfoAsync("nowhere", "k", CancellationToken.None));
        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
    }
}
