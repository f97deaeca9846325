using Cairn.Core.Checksums;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// How S3 spells checksum algorithms and checksum types: header suffixes (<c>x-amz-checksum-crc32</c>), XML element
/// suffixes and header values (<c>CRC32</c>), and the checksum types (<c>COMPOSITE</c>, <c>FULL_OBJECT</c>).
/// </summary>
internal static class S3ChecksumNames
{
    /// <summary>The lowercase name used in header names: <c>x-amz-checksum-&lt;wire&gt;</c>.</summary>
    public static string WireName(this ChecksumAlgorithm a) => Named(a).ToLowerInvariant();

    /// <summary>
    /// The uppercase name used in XML (element <c>Checksum&lt;XmlName&gt;</c>) and as the value of
    /// x-amz-checksum-algorithm / x-amz-sdk-checksum-algorithm.
    /// </summary>
    public static string XmlName(this ChecksumAlgorithm a) => Named(a);

    /// <summary>The algorithm's name when S3 has one; CRC-64/XZ (OSS's) is as undefined here as any unknown value.</summary>
    private static string Named(ChecksumAlgorithm a) =>
        a.IsAmz() ? a.Name() : throw new ArgumentOutOfRangeException(nameof(a), a, "S3 has no name for this checksum algorithm.");

    /// <summary>
    /// Parses a wire or XML name, ignoring case. Anything else fails, including surrounding whitespace and
    /// numeric strings (which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would accept).
    /// </summary>
    public static bool TryParse(string? text, out ChecksumAlgorithm algorithm)
    {
        // Wire and XML names differ only in case, so one case-insensitive comparison covers both.
        foreach (var candidate in ChecksumAlgorithms.Amz)
        {
            if (string.Equals(text, candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    /// <summary>
    /// The checksums S3 has names for (<see cref="ChecksumAlgorithms.Amz"/>): every answer in this dialect shows only
    /// these, never the CRC-64/XZ Cairn keeps for the OSS dialect.
    /// </summary>
    public static IEnumerable<KeyValuePair<ChecksumAlgorithm, string>> Amz(this IReadOnlyDictionary<ChecksumAlgorithm, string> checksums) =>
        checksums.Where(c => c.Key.IsAmz());

    /// <summary>Whether any of <paramref name="checksums"/> is one S3 names.</summary>
    public static bool HasAmz(this IReadOnlyDictionary<ChecksumAlgorithm, string> checksums) => checksums.Keys.Any(ChecksumAlgorithms.IsAmz);

    /// <summary>The value of x-amz-checksum-type and of the ChecksumType element.</summary>
    public static string WireName(this ChecksumType type) => type switch
    {
        ChecksumType.Composite => "COMPOSITE",
        ChecksumType.FullObject => "FULL_OBJECT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Undefined checksum type."),
    };

    /// <summary>Parses an x-amz-checksum-type value, ignoring case.</summary>
    public static bool TryParseType(string? text, out ChecksumType type)
    {
        foreach (var candidate in (ReadOnlySpan<ChecksumType>)[ChecksumType.Composite, ChecksumType.FullObject])
        {
            if (string.Equals(text, candidate.WireName(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
