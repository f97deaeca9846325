using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Checksums;

public class ChecksumAlgorithmsTests
{
    [Fact]
    public void Amz_lists_the_algorithms_S3_names_in_enum_order()
    {
        Assert.Equal(
            [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc64Nvme, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256],
            ChecksumAlgorithms.Amz);
        Assert.Equal(Enum.GetValues<ChecksumAlgorithm>().Where(a => a.IsAmz()).Order(), ChecksumAlgorithms.Amz);
        Assert.False(ChecksumAlgorithm.Crc64Xz.IsAmz());
    }

    [Fact]
    public void Amz_cannot_be_mutated_through_a_cast()
    {
        Assert.False(ChecksumAlgorithms.Amz is ChecksumAlgorithm[]);
        Assert.Throws<NotSupportedException>(() => ((IList<ChecksumAlgorithm>)ChecksumAlgorithms.Amz)[0] = ChecksumAlgorithm.Sha1);
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "CRC32", 4)]
    [InlineData(ChecksumAlgorithm.Crc32C, "CRC32C", 4)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "CRC64NVME", 8)]
    [InlineData(ChecksumAlgorithm.Sha1, "SHA1", 20)]
    [InlineData(ChecksumAlgorithm.Sha256, "SHA256", 32)]
    [InlineData(ChecksumAlgorithm.Crc64Xz, "CRC64XZ", 8)]
    public void Names_and_sizes(ChecksumAlgorithm algorithm, string name, int size)
    {
        Assert.Equal(name, algorithm.Name());
        Assert.Equal(size, algorithm.RawSize());
    }

    [Theory]
    [InlineData((ChecksumAlgorithm)0)]
    [InlineData((ChecksumAlgorithm)7)]
    public void Undefined_values_are_rejected(ChecksumAlgorithm algorithm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.Name());
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.RawSize());
        Assert.Throws<ArgumentOutOfRangeException>(() => algorithm.TryDecode("AAAAAA==", out _));
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ==", "0D4A1185")]
    [InlineData(ChecksumAlgorithm.Crc32C, "yZRlqg==", "C99465AA")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "AAAAAAAAAAA=", "0000000000000000")]
    [InlineData(ChecksumAlgorithm.Sha1, "Kq5sNclPz7QV2+lfQIuc6R7oRu0=", "2AAE6C35C94FCFB415DBE95F408B9CE91EE846ED")]
    [InlineData(ChecksumAlgorithm.Sha256, "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=", "B94D27B9934D3E08A52E52D7DA7DABFAC484EFE37A5380EE9088F7ACE2EFCDE9")]
    public void TryDecode_accepts_valid_base64_of_the_right_size(ChecksumAlgorithm algorithm, string base64, string hex)
    {
        Assert.True(algorithm.TryDecode(base64, out byte[] raw));
        Assert.Equal(Convert.FromHexString(hex), raw);
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, null)]
    [InlineData(ChecksumAlgorithm.Crc32, "")]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ")]            // padding missing
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ=")]           // padding short
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ===")]         // padding long
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhR==")]          // non-zero unused bits: not canonical
    [InlineData(ChecksumAlgorithm.Crc32, " DUoRhQ==")]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ== ")]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoR hQ=")]          // right length, whitespace inside
    [InlineData(ChecksumAlgorithm.Crc32, "DUoR\nhQ=")]
    [InlineData(ChecksumAlgorithm.Crc32, "DUoR-hQ=")]          // base64url alphabet is not base64
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQ=A")]          // data after padding
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQAA")]          // 6 bytes
    [InlineData(ChecksumAlgorithm.Crc32, "DUoR")]              // 3 bytes
    [InlineData(ChecksumAlgorithm.Crc32, "DUoRhQAA====")]
    [InlineData(ChecksumAlgorithm.Crc32C, "jSnVw/bqjr4=")]     // an 8-byte value for a 4-byte algorithm
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "yZRlqg==")]      // a 4-byte value for an 8-byte algorithm
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "jSnVw/bqjr5=")]  // non-canonical trailing bits
    [InlineData(ChecksumAlgorithm.Sha256, "Kq5sNclPz7QV2+lfQIuc6R7oRu0=")]
    [InlineData(ChecksumAlgorithm.Sha1, "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")]
    [InlineData(ChecksumAlgorithm.Sha1, "Kq5sNclPz7QV2+lfQIuc6R7oRu0")]
    public void TryDecode_rejects_invalid_input(ChecksumAlgorithm algorithm, string? base64)
    {
        Assert.False(algorithm.TryDecode(base64, out byte[] raw));
        Assert.NotNull(raw);
        Assert.Empty(raw);
    }

    [Fact]
    public void TryDecode_round_trips_random_values_for_every_algorithm()
    {
        var random = new Random(7);
        foreach (var a in ChecksumAlgorithms.Amz)
        {
            for (int i = 0; i < 200; i++)
            {
                var bytes = new byte[a.RawSize()];
                random.NextBytes(bytes);
                Assert.True(a.TryDecode(Convert.ToBase64String(bytes), out byte[] raw));
                Assert.Equal(bytes, raw);
            }
        }
    }
}
