namespace Cairn.Core.Checksums;

/// <summary>
/// The digests of one body as computed by <see cref="ContentHasher"/>: MD5 (for the ETag and Content-MD5) and
/// each requested checksum as raw big-endian bytes, the form S3 base64-encodes on the wire. Equality compares
/// the digest bytes, not array references.
/// </summary>
public sealed record ContentHashes(long Length, byte[] Md5, IReadOnlyDictionary<ChecksumAlgorithm, byte[]> Checksums)
{
    /// <summary>MD5 as lowercase hex, the form used in ETags.</summary>
    public string Md5Hex => Convert.ToHexStringLower(Md5);

    /// <summary>The base64 checksum for a header or XML element, or null when it was not computed.</summary>
    public string? Base64(ChecksumAlgorithm a) =>
        Checksums.TryGetValue(a, out byte[]? raw) ? Convert.ToBase64String(raw) : null;

    /// <summary>Every computed checksum as base64, the form stored in metadata and sent on the wire.</summary>
    public IReadOnlyDictionary<ChecksumAlgorithm, string> Base64Checksums() =>
        Checksums.ToDictionary(p => p.Key, p => Convert.ToBase64String(p.Value));

    public bool Equals(ContentHashes? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Length != other.Length || !Md5.AsSpan().SequenceEqual(other.Md5)
            || Checksums.Count != other.Checksums.Count)
        {
            return false;
        }

        foreach (var (algorithm, raw) in Checksums)
        {
            if (!other.Checksums.TryGetValue(algorithm, out byte[]? otherRaw) || !raw.AsSpan().SequenceEqual(otherRaw))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Length);
        hash.AddBytes(Md5);
        hash.Add(Checksums.Count);
        return hash.ToHashCode();
    }
}
