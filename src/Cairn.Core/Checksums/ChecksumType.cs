namespace Cairn.Core.Checksums;

/// <summary>
/// How a multipart object's checksum covers its content. Dialects spell these on the wire and the store spells
/// them in its rows; both map from this enum, never from its names.
/// </summary>
public enum ChecksumType
{
    /// <summary>A checksum of the concatenated part checksums, with the part count ("-N").</summary>
    Composite = 1,

    /// <summary>The checksum of the whole content, combined from the part checksums (CRCs only).</summary>
    FullObject = 2,
}
