using System.Security.Cryptography;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Objects;
using Cairn.Core.Tests.Support;

namespace Cairn.Core.Tests.Objects;

/// <summary>
/// What the client claims about a body (Content-MD5, a checksum) is checked before the object becomes visible:
/// a mismatch stores nothing and leaves no file, whether the object would have been inline or a blob.
/// </summary>
public sealed class ObjectServiceIntegrityTests : IDisposable
{
    private const int InlineLimit = 1024;

    private readonly CoreTestStore _store = new(new StorageLimits { InlineObjectMaxSize = InlineLimit });

    public void Dispose() => _store.Dispose();

    public static TheoryData<int> Sizes => new() { 100, InlineLimit + 1, 300 * 1024 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Matching_claims_are_accepted_and_the_checksum_is_kept_with_the_object(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(size);
        var sha256 = Convert.ToBase64String(SHA256.HashData(data));
        var claims = new IntegrityExpectation(MD5.HashData(data), ChecksumAlgorithm.Sha256, () => sha256, claimHeader: "checksum-sha256");

        await _store.PutAsync(bucket, "k", data, claims);

        var info = await _store.Objects.GetInfoAsync(bucket, "k", CancellationToken.None);
        Assert.NotNull(info);
        Assert.Equal(sha256, info.Checksums[ChecksumAlgorithm.Sha256]);
        Assert.Equal(data, await _store.GetAsync(bucket, "k"));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_wrong_Content_MD5_fails_with_BadDigest_and_stores_nothing(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(size);
        var claims = new IntegrityExpectation(MD5.HashData(TestBodies.Bytes(size, seed: 99)), null, null);

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync(bucket, "k", data, claims));

        Assert.Equal(ErrorCode.BadDigest, error.Code);
        Assert.Empty(await _store.ListKeysAsync(bucket));
        await _store.AssertNoDataLeftAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_wrong_checksum_fails_with_BadDigest_and_stores_nothing(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(size);
        var other = Convert.ToBase64String(SHA256.HashData(TestBodies.Bytes(size, seed: 99)));
        var claims = new IntegrityExpectation(null, ChecksumAlgorithm.Sha256, () => other, claimHeader: "checksum-sha256");

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync(bucket, "k", data, claims));

        Assert.Equal(ErrorCode.BadDigest, error.Code);
        Assert.Empty(await _store.ListKeysAsync(bucket));
        await _store.AssertNoDataLeftAsync();
    }

    [Fact]
    public async Task A_checksum_value_that_cannot_be_decoded_is_refused_with_InvalidRequest()
    {
        var bucket = await _store.CreateBucketAsync();
        var claims = new IntegrityExpectation(null, ChecksumAlgorithm.Crc32, () => "not base64", claimHeader: "checksum-crc32");

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync(bucket, "k", TestBodies.Bytes(5000), claims));

        Assert.Equal(ErrorCode.InvalidRequest, error.Code);
        await _store.AssertNoDataLeftAsync();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_bad_digest_over_an_existing_object_keeps_the_previous_content(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var original = TestBodies.Bytes(size, seed: 1);
        await _store.PutAsync(bucket, "k", original);
        var blobsBefore = _store.BlobIds();
        var claims = new IntegrityExpectation(MD5.HashData(original), null, null);

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync(bucket, "k", TestBodies.Bytes(size, seed: 2), claims));

        Assert.Equal(ErrorCode.BadDigest, error.Code);
        Assert.Equal(original, await _store.GetAsync(bucket, "k"));
        Assert.Equal(blobsBefore, _store.BlobIds());
        Assert.Empty(_store.TempFiles());
        Assert.Empty(await _store.GarbageAsync());
    }
}
