using System.Buffers.Binary;
using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Multipart;

/// <summary>
/// CRC-64/XZ (OSS's x-oss-hash-crc64ecma) on multipart uploads: every part gets it while streaming, and Complete
/// combines the parts' values into the whole object's without reading a byte of them.
/// </summary>
public class MultipartServiceCrc64Tests
{
    private static readonly byte[][] Parts = [Bytes(40, 1), Bytes(13, 2), Bytes(9, 3)];

    [Fact]
    public async Task Each_part_carries_the_CRC_of_its_bytes()
    {
        using var fixture = new MultipartServiceFixture();
        var uploadId = await fixture.InitiateAsync();

        var part = await fixture.UploadPartAsync(uploadId, 1, Parts[0]);

        Assert.Equal(Crc64Xz.Compute(Parts[0]), Crc(part.Checksums[ChecksumAlgorithm.Crc64Xz]));
    }

    [Fact]
    public async Task Complete_combines_the_parts_CRCs_into_the_CRC_of_the_whole_object()
    {
        using var fixture = new MultipartServiceFixture();
        var uploadId = await fixture.InitiateAsync();
        var parts = new List<Model.PartRecord>();
        for (var i = 0; i < Parts.Length; i++)
        {
            parts.Add(await fixture.UploadPartAsync(uploadId, i + 1, Parts[i]));
        }

        var record = await fixture.CompleteAsync(uploadId, [.. parts.Select(MultipartServiceFixture.Listed)]);

        Assert.Equal(Crc64Xz.Compute(Parts.SelectMany(p => p).ToArray()), Crc(record.Checksums[ChecksumAlgorithm.Crc64Xz]));
        Assert.Null(record.ChecksumType); // CRC-64/XZ is no S3 checksum: it never makes the object's S3 checksum type
    }

    [Fact]
    public async Task A_gap_in_the_part_numbers_is_combined_from_the_parts_listed()
    {
        using var fixture = new MultipartServiceFixture();
        var uploadId = await fixture.InitiateAsync();
        var first = await fixture.UploadPartAsync(uploadId, 1, Parts[0]);
        _ = await fixture.UploadPartAsync(uploadId, 2, Parts[1]);
        var third = await fixture.UploadPartAsync(uploadId, 3, Parts[2]);

        var record = await fixture.CompleteAsync(uploadId, [MultipartServiceFixture.Listed(first), MultipartServiceFixture.Listed(third)]);

        Assert.Equal(Crc64Xz.Compute([.. Parts[0], .. Parts[2]]), Crc(record.Checksums[ChecksumAlgorithm.Crc64Xz]));
    }

    [Fact]
    public async Task With_the_policy_off_neither_parts_nor_the_object_carry_it()
    {
        using var fixture = new MultipartServiceFixture(checksums: new ChecksumPolicy(Crc64Xz: false));
        var uploadId = await fixture.InitiateAsync();
        var parts = new List<Model.PartRecord>();
        for (var i = 0; i < Parts.Length; i++)
        {
            parts.Add(await fixture.UploadPartAsync(uploadId, i + 1, Parts[i]));
        }

        var record = await fixture.CompleteAsync(uploadId, [.. parts.Select(MultipartServiceFixture.Listed)]);

        Assert.All(parts, p => Assert.DoesNotContain(ChecksumAlgorithm.Crc64Xz, p.Checksums.Keys));
        Assert.DoesNotContain(ChecksumAlgorithm.Crc64Xz, record.Checksums.Keys);
    }

    private static ulong Crc(string base64) => BinaryPrimitives.ReadUInt64BigEndian(Convert.FromBase64String(base64));

    private static byte[] Bytes(int length, int seed) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 + seed * 7))];
}
