using Cairn.Core.Checksums;
using Cairn.Core.Errors;

namespace Cairn.Core.Objects;

/// <summary>
/// What the client claims about a body: a Content-MD5 and/or one x-amz-checksum-* value. The checksum value
/// may only be known after the body has been read (aws-chunked trailer), hence the deferred accessor.
/// </summary>
public sealed class IntegrityExpectation
{
    public static readonly IntegrityExpectation None = new(null, null, null);

    private readonly Func<string?>? _expectedChecksum;

    public IntegrityExpectation(byte[]? contentMd5, ChecksumAlgorithm? checksumAlgorithm, Func<string?>? expectedChecksum)
    {
        ContentMd5 = contentMd5;
        ChecksumAlgorithm = checksumAlgorithm;
        _expectedChecksum = expectedChecksum;
    }

    public byte[]? ContentMd5 { get; }

    /// <summary>The algorithm whose checksum the client sends (header or trailer) or asked to be computed.</summary>
    public ChecksumAlgorithm? ChecksumAlgorithm { get; }

    /// <summary>Algorithms to compute while streaming.</summary>
    public IEnumerable<ChecksumAlgorithm> Algorithms =>
        ChecksumAlgorithm is { } algorithm ? [algorithm] : [];

    /// <summary>Compares the computed hashes with the claims; throws BadDigest on a mismatch.</summary>
    public void Verify(ContentHashes hashes)
    {
        if (ContentMd5 is not null && !ContentMd5.AsSpan().SequenceEqual(hashes.Md5))
        {
            throw new CairnException(ErrorCode.BadDigest, "The Content-MD5 you specified did not match what we received.");
        }

        if (ChecksumAlgorithm is not { } algorithm)
        {
            return;
        }

        var expected = _expectedChecksum?.Invoke();
        if (expected is null)
        {
            return;
        }

        if (!algorithm.TryDecode(expected, out var raw))
        {
            throw new CairnException(ErrorCode.InvalidRequest, $"Value for x-amz-checksum-{algorithm.WireName()} header is invalid.");
        }

        if (!raw.AsSpan().SequenceEqual(hashes.Checksums[algorithm]))
        {
            throw new CairnException(ErrorCode.BadDigest, $"The {algorithm.XmlName()} you specified did not match the calculated checksum.");
        }
    }
}
