using System.Buffers.Binary;
using System.Security.Cryptography;
using Cairn.Core.Checksums;
using IeeeCrc32 = System.IO.Hashing.Crc32;

namespace Cairn.Core.Tests.Checksums;

public class ContentHasherTests
{
    private static ContentHashes Hash(byte[] data, IEnumerable<ChecksumAlgorithm> algorithms, int maxPiece = int.MaxValue)
    {
        using var hasher = new ContentHasher(algorithms);
        foreach (var piece in TestBytes.OddPieces(data, maxPiece))
        {
            hasher.Append(piece.Span);
        }

        return hasher.Finish();
    }

    [Fact]
    public void Every_digest_matches_the_BCL_in_big_endian_order()
    {
        byte[] data = TestBytes.Random(300_001, seed: 31);
        var hashes = Hash(data, ChecksumAlgorithms.Amz, maxPiece: 8191);

        Assert.Equal(data.Length, hashes.Length);
        Assert.Equal(MD5.HashData(data), hashes.Md5);
        Assert.Equal(SHA1.HashData(data), hashes.Checksums[ChecksumAlgorithm.Sha1]);
        Assert.Equal(SHA256.HashData(data), hashes.Checksums[ChecksumAlgorithm.Sha256]);

        byte[] crc32 = IeeeCrc32.Hash(data);
        Array.Reverse(crc32); // System.IO.Hashing emits little-endian; S3 wants big-endian.
        Assert.Equal(crc32, hashes.Checksums[ChecksumAlgorithm.Crc32]);
        Assert.Equal(IeeeCrc32.HashToUInt32(data), BinaryPrimitives.ReadUInt32BigEndian(hashes.Checksums[ChecksumAlgorithm.Crc32]));
        Assert.Equal(Crc32C.Compute(data), BinaryPrimitives.ReadUInt32BigEndian(hashes.Checksums[ChecksumAlgorithm.Crc32C]));
        Assert.Equal(Crc64Nvme.Compute(data), BinaryPrimitives.ReadUInt64BigEndian(hashes.Checksums[ChecksumAlgorithm.Crc64Nvme]));

        foreach (var a in ChecksumAlgorithms.Amz)
        {
            Assert.Equal(a.RawSize(), hashes.Checksums[a].Length);
        }
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ==")]
    [InlineData(ChecksumAlgorithm.Crc32C, "yZRlqg==")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "jSnVw/bqjr4=")]
    [InlineData(ChecksumAlgorithm.Sha1, "Kq5sNclPz7QV2+lfQIuc6R7oRu0=")]
    [InlineData(ChecksumAlgorithm.Sha256, "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")]
    public void Known_S3_values_of_hello_world(ChecksumAlgorithm algorithm, string base64)
    {
        var hashes = Hash(TestBytes.HelloWorld, [algorithm], maxPiece: 3);
        Assert.Equal(base64, hashes.Base64(algorithm));
        Assert.Equal("5eb63bbbe01eeed093cb22bb8f5acdc3", hashes.Md5Hex);
        Assert.Equal(11, hashes.Length);
    }

    [Fact]
    public void Empty_body()
    {
        var hashes = Hash([], ChecksumAlgorithms.Amz);
        Assert.Equal(0, hashes.Length);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", hashes.Md5Hex);
        Assert.Equal("AAAAAA==", hashes.Base64(ChecksumAlgorithm.Crc32));
        Assert.Equal("AAAAAA==", hashes.Base64(ChecksumAlgorithm.Crc32C));
        Assert.Equal("AAAAAAAAAAA=", hashes.Base64(ChecksumAlgorithm.Crc64Nvme));
        Assert.Equal(SHA1.HashData([]), hashes.Checksums[ChecksumAlgorithm.Sha1]);
        Assert.Equal(SHA256.HashData([]), hashes.Checksums[ChecksumAlgorithm.Sha256]);
    }

    [Fact]
    public void Only_requested_checksums_are_computed()
    {
        var hashes = Hash(TestBytes.HelloWorld, [ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc32C]);
        Assert.Equal([ChecksumAlgorithm.Crc32C], hashes.Checksums.Keys);
        Assert.Null(hashes.Base64(ChecksumAlgorithm.Crc32));
        Assert.Null(hashes.Base64(ChecksumAlgorithm.Sha256));
        Assert.Equal(MD5.HashData(TestBytes.HelloWorld), hashes.Md5);
    }

    [Fact]
    public void No_checksums_still_gives_md5()
    {
        var hashes = Hash(TestBytes.HelloWorld, []);
        Assert.Empty(hashes.Checksums);
        Assert.Equal("5eb63bbbe01eeed093cb22bb8f5acdc3", hashes.Md5Hex);
    }

    [Fact]
    public void Piece_sizes_do_not_matter()
    {
        byte[] data = TestBytes.Random(20_000, seed: 32);
        var whole = Hash(data, ChecksumAlgorithms.Amz);
        var bytewise = Hash(data, ChecksumAlgorithms.Amz, maxPiece: 1);
        var odd = Hash(data, ChecksumAlgorithms.Amz, maxPiece: 777);
        Assert.Equal(whole, bytewise);
        Assert.Equal(whole, odd);
    }

    [Fact]
    public void Append_does_not_allocate()
    {
        byte[] data = TestBytes.Random(4096, seed: 33);
        using var hasher = new ContentHasher(ChecksumAlgorithms.Amz);
        for (int i = 0; i < 10; i++)
        {
            hasher.Append(data); // warm up: first calls may initialise statics
            hasher.Append(data.AsSpan(1, 200));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            hasher.Append(data);
            hasher.Append(data.AsSpan(1, 200));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Finish_is_callable_once_and_ends_appending()
    {
        using var hasher = new ContentHasher([ChecksumAlgorithm.Sha256]);
        hasher.Append(TestBytes.HelloWorld);
        hasher.Finish();
        Assert.Throws<InvalidOperationException>(() => hasher.Finish());
        Assert.Throws<InvalidOperationException>(() => hasher.Append(TestBytes.HelloWorld));
    }

    [Fact]
    public void Disposed_hasher_refuses_work_and_dispose_is_idempotent()
    {
        var hasher = new ContentHasher(ChecksumAlgorithms.Amz);
        hasher.Dispose();
        hasher.Dispose();
        Assert.Throws<ObjectDisposedException>(() => hasher.Append(TestBytes.HelloWorld));
        Assert.Throws<ObjectDisposedException>(() => hasher.Finish());
    }

    [Fact]
    public void Undefined_algorithm_or_null_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContentHasher([(ChecksumAlgorithm)42]));
        Assert.Throws<ArgumentNullException>(() => new ContentHasher(null!));
    }

    [Fact]
    public void Result_dictionary_is_read_only()
    {
        var hashes = Hash(TestBytes.HelloWorld, [ChecksumAlgorithm.Crc32]);
        Assert.False(hashes.Checksums is Dictionary<ChecksumAlgorithm, byte[]>);
    }
}
