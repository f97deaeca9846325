using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Objects;
using Cairn.Core.Tests.Support;

namespace Cairn.Core.Tests.Objects;

/// <summary>
/// <see cref="BlobIngest"/> streams a body into a blob file: the committed blob holds exactly the body, the digests
/// are those of the body, and any failure (wrong length, broken body, mismatched claim, cancellation) commits
/// nothing and leaves no temp file.
/// </summary>
public sealed class BlobIngestTests : IDisposable
{
    private const long MiB = StorageLimits.MiB;
    private const long NoLimit = long.MaxValue;

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly CoreTestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task The_blob_holds_exactly_the_body_and_every_requested_digest_is_that_of_the_body()
    {
        var data = TestBodies.Bytes((int)MiB + 17);
        var integrity = IntegrityExpectation.None.Computing([ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256]);

        var (blobId, hashes) = await _store.Ingest.WriteAsync(new MemoryStream(data), data.Length, NoLimit, integrity, SpaceClaim.None, None);

        Assert.Equal(data, await _store.ReadBlobAsync(blobId));
        Assert.Equal([blobId], _store.BlobIds());
        Assert.Empty(_store.TempFiles());
        Assert.Equal(data.Length, hashes.Length);
        Assert.Equal(MD5.HashData(data), hashes.Md5);
        Assert.Equal(SHA1.HashData(data), hashes.Checksums[ChecksumAlgorithm.Sha1]);
        Assert.Equal(SHA256.HashData(data), hashes.Checksums[ChecksumAlgorithm.Sha256]);
        Assert.Equal(BigEndianCrc32(data), hashes.Checksums[ChecksumAlgorithm.Crc32]);
    }

    [Fact]
    public async Task A_body_without_an_announced_length_is_taken_whole_up_to_the_limit()
    {
        var data = TestBodies.Bytes(300 * 1024);

        var (blobId, hashes) = await _store.Ingest.WriteAsync(new MemoryStream(data), null, data.Length, IntegrityExpectation.None, SpaceClaim.None, None);

        Assert.Equal(data.Length, hashes.Length);
        Assert.Equal(data, await _store.ReadBlobAsync(blobId));
    }

    [Fact]
    public async Task A_body_without_an_announced_length_over_the_limit_fails_with_EntityTooLarge()
    {
        var data = TestBodies.Bytes(300 * 1024);

        await AssertFailsLeavingNothingAsync(ErrorCode.EntityTooLarge, new MemoryStream(data), null, data.Length - 1);
    }

    [Fact]
    public async Task A_body_shorter_than_announced_fails_with_IncompleteBody()
    {
        await AssertFailsLeavingNothingAsync(ErrorCode.IncompleteBody, new MemoryStream(TestBodies.Bytes(1000)), 1001, NoLimit);
    }

    [Fact]
    public async Task A_body_longer_than_announced_fails_with_InvalidRequest()
    {
        await AssertFailsLeavingNothingAsync(ErrorCode.InvalidRequest, new MemoryStream(TestBodies.Bytes(1001)), 1000, NoLimit);
    }

    [Fact]
    public async Task A_body_that_breaks_off_fails_with_IncompleteBody()
    {
        await AssertFailsLeavingNothingAsync(ErrorCode.IncompleteBody, TestBodies.BreakingOffAfter(TestBodies.Bytes(400 * 1024)), MiB, NoLimit);
    }

    [Fact]
    public async Task A_mismatched_Content_MD5_fails_with_BadDigest()
    {
        var data = TestBodies.Bytes(1000);
        var claims = new IntegrityExpectation(MD5.HashData(TestBodies.Bytes(1000, seed: 99)), null, null);

        await AssertFailsLeavingNothingAsync(ErrorCode.BadDigest, new MemoryStream(data), data.Length, NoLimit, claims);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_checksum_known_only_after_the_body_is_compared_once_the_body_has_been_read(bool matches)
    {
        var data = TestBodies.Bytes(1000);
        string? trailer = null;
        var body = TestBodies.RunningAtEnd(data, () =>
        {
            trailer = Convert.ToBase64String(SHA256.HashData(matches ? data : TestBodies.Bytes(1000, seed: 99)));
            return Task.CompletedTask;
        });
        var claims = new IntegrityExpectation(null, ChecksumAlgorithm.Sha256, () => trailer, checksumInTrailer: true, claimHeader: "checksum-sha256");

        if (matches)
        {
            var (blobId, _) = await _store.Ingest.WriteAsync(body, data.Length, NoLimit, claims, SpaceClaim.None, None);
            Assert.Equal(data, await _store.ReadBlobAsync(blobId));
        }
        else
        {
            await AssertFailsLeavingNothingAsync(ErrorCode.BadDigest, body, data.Length, NoLimit, claims);
        }
    }

    [Fact]
    public async Task A_cancelled_write_commits_nothing_and_leaves_no_temp_file()
    {
        var data = TestBodies.Bytes(1000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.Ingest.WriteAsync(
            new MemoryStream(data), data.Length, NoLimit, IntegrityExpectation.None, SpaceClaim.None, new CancellationToken(canceled: true)));

        Assert.Empty(_store.BlobIds());
        Assert.Empty(_store.TempFiles());
    }

    [Fact]
    public async Task Bytes_written_stop_counting_against_later_admissions_once_they_are_on_disk()
    {
        _store.Disk.Available = _store.Limits.MinFreeSpace + MiB;
        var data = TestBodies.Bytes((int)MiB);
        using var claim = _store.Space.Admit(data.Length);
        Assert.Equal(ErrorCode.InsufficientStorage, Assert.Throws<CairnException>(() => _store.Space.Admit(1)).Code);

        await _store.Ingest.WriteAsync(new MemoryStream(data), data.Length, NoLimit, IntegrityExpectation.None, claim, None);

        // The volume's free-space figure now accounts for those bytes itself; the claim no longer holds them back.
        using var next = _store.Space.Admit(data.Length);
    }

    private async Task AssertFailsLeavingNothingAsync(
        ErrorCode expected, Stream body, long? expectedLength, long maxLength, IntegrityExpectation? claims = null)
    {
        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.Ingest.WriteAsync(body, expectedLength, maxLength, claims ?? IntegrityExpectation.None, SpaceClaim.None, None));

        Assert.Equal(expected, error.Code);
        await _store.AssertNoDataLeftAsync();
    }

    private static byte[] BigEndianCrc32(byte[] data)
    {
        var raw = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(raw, Crc32.HashToUInt32(data));
        return raw;
    }
}
