using Cairn.Core.Checksums;
using Cairn.Core.Errors;

namespace Cairn.Core.Objects;

/// <summary>
/// What the client claims about a body: a Content-MD5 and/or one checksum value. The checksum value may only be
/// known after the body has been read (a chunked trailer), hence the deferred accessor.
/// </summary>
public sealed class IntegrityExpectation
{
    public static readonly IntegrityExpectation None = new(null, null, null);

    private readonly IReadOnlyList<ChecksumAlgorithm> _algorithms;

    /// <param name="contentMd5">The Content-MD5 claim, if sent.</param>
    /// <param name="checksumAlgorithm">The algorithm of the x-amz-checksum-* claim, if any.</param>
    /// <param name="expectedChecksum">Returns the claimed value once the body has been read (null: nothing to compare).</param>
    /// <param name="algorithms">Algorithms to compute; defaults to the claimed one.</param>
    /// <param name="checksumInTrailer">The checksum value comes in the chunked trailer rather than a header.</param>
    /// <param name="claimHeader">The name of the header (or trailer) that carries the checksum claim, as the client's protocol spells it.</param>
    public IntegrityExpectation(byte[]? contentMd5, ChecksumAlgorithm? checksumAlgorithm, Func<string?>? expectedChecksum,
        IEnumerable<ChecksumAlgorithm>? algorithms = null, bool checksumInTrailer = false, string? claimHeader = null)
    {
        if (expectedChecksum is not null && claimHeader is null)
        {
            throw new ArgumentNullException(nameof(claimHeader), "A checksum claim names the header that carries it.");
        }

        ClaimHeader = claimHeader;
        ContentMd5 = contentMd5;
        ChecksumAlgorithm = checksumAlgorithm;
        ExpectedChecksum = expectedChecksum;
        ChecksumInTrailer = checksumInTrailer;
        _algorithms = (algorithms ?? (checksumAlgorithm is { } a ? [a] : [])).ToList();
    }

    /// <summary>The same claims, computing <paramref name="algorithms"/> while streaming.</summary>
    public IntegrityExpectation Computing(IEnumerable<ChecksumAlgorithm> algorithms) =>
        new(ContentMd5, ChecksumAlgorithm, ExpectedChecksum, algorithms, ChecksumInTrailer, ClaimHeader);

    public Func<string?>? ExpectedChecksum { get; }

    public byte[]? ContentMd5 { get; }

    /// <summary>The header or trailer that carries the checksum claim, named in the error when its value is malformed.</summary>
    public string? ClaimHeader { get; }

    /// <summary>True when the checksum value arrives in the chunked trailer (S3 words its errors differently).</summary>
    public bool ChecksumInTrailer { get; }

    /// <summary>The algorithm whose checksum the client sends (header or trailer) or asked to be computed.</summary>
    public ChecksumAlgorithm? ChecksumAlgorithm { get; }

    /// <summary>Algorithms to compute while streaming.</summary>
    public IEnumerable<ChecksumAlgorithm> Algorithms => _algorithms;

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

        var expected = ExpectedChecksum?.Invoke();
        if (expected is null)
        {
            return;
        }

        if (!algorithm.TryDecode(expected, out var raw))
        {
            throw new CairnException(ErrorCode.InvalidRequest,
                $"Value for {ClaimHeader} {(ChecksumInTrailer ? "trailing header" : "header")} is invalid.");
        }

        if (!raw.AsSpan().SequenceEqual(hashes.Checksums[algorithm]))
        {
            throw new CairnException(ErrorCode.BadDigest, $"The {algorithm.Name()} you specified did not match the calculated checksum.");
        }
    }
}
