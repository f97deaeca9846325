namespace Cairn.Core.Checksums;

/// <summary>
/// The checksums Cairn computes over every upload (PutObject, each part, each copied part) whatever the client asks
/// for, so any dialect can report them later without reading the data again. CRC-64/XZ is OSS's
/// x-oss-hash-crc64ecma: computed while streaming and, at CompleteMultipartUpload, combined from the parts' values
/// (docs/oss-compatibility.md "CRC-64"). Switched off, uploads skip it and answers omit it (clients then skip the
/// check); objects stored meanwhile never carry it.
/// </summary>
public sealed record ChecksumPolicy(bool Crc64Xz)
{
    /// <summary>The default: CRC-64/XZ on every upload.</summary>
    public static readonly ChecksumPolicy Default = new(Crc64Xz: true);

    /// <summary>The algorithms computed on every upload.</summary>
    public IReadOnlyList<ChecksumAlgorithm> Always { get; } = Crc64Xz ? [ChecksumAlgorithm.Crc64Xz] : [];

    /// <summary><paramref name="requested"/> and <see cref="Always"/>, without duplicates.</summary>
    public IReadOnlyList<ChecksumAlgorithm> With(IEnumerable<ChecksumAlgorithm> requested) => [.. requested.Concat(Always).Distinct()];

    /// <summary>
    /// The whole object's CRC-64/XZ from its parts' values and sizes, in part order, without reading data; null when
    /// a part has none (uploaded while the policy was off, or before Cairn computed it).
    /// </summary>
    public static string? CombineCrc64Xz(IReadOnlyList<(string? Base64, long Size)> parts)
    {
        ulong crc = 0;
        var first = true;
        foreach (var (base64, size) in parts)
        {
            if (base64 is null || !ChecksumAlgorithm.Crc64Xz.TryDecode(base64, out var raw))
            {
                return null;
            }

            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(raw);
            crc = first ? value : Checksums.Crc64Xz.Combine(crc, value, size);
            first = false;
        }

        return first ? Convert.ToBase64String(ContentHasher.BigEndian(Checksums.Crc64Xz.Compute([]))) : Convert.ToBase64String(ContentHasher.BigEndian(crc));
    }
}
