using System.Text;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// The 2,500-key layout of the listing tests: 2,480 keys <c>dir{i % 25}/file{i}</c> in 25 folders plus
/// 20 top-level keys, some of them non-ASCII so that UTF-8 byte order differs from .NET's UTF-16 order
/// (U+FF21 sorts before U+1F600 in UTF-8 but after its surrogates in UTF-16).
/// </summary>
public static class ListingLayout
{
    public const int FolderCount = 25;

    public static readonly IReadOnlyList<string> TopLevelKeys =
    [
        .. Enumerable.Range(0, 16).Select(i => $"top{i}"),
        "\u00E4-top", // ä
        "\uFF21-top", // fullwidth A
        "\U0001F600-top", // emoji, a surrogate pair in UTF-16
        "z top",
    ];

    public static readonly IReadOnlyList<string> FolderKeys =
        Enumerable.Range(0, 2500 - TopLevelKeys.Count).Select(i => $"dir{i % FolderCount}/file{i}").ToList();

    /// <summary>All 2,500 keys, in S3 order (UTF-8 bytes).</summary>
    public static readonly IReadOnlyList<string> AllKeys = FolderKeys.Concat(TopLevelKeys).Order(Utf8Ordinal.Instance).ToList();

    /// <summary>The CommonPrefixes of a listing with delimiter "/".</summary>
    public static readonly IReadOnlyList<string> Folders =
        Enumerable.Range(0, FolderCount).Select(i => $"dir{i}/").Order(Utf8Ordinal.Instance).ToList();

    /// <summary>Keys and folders of a delimiter "/" listing, merged in S3 order.</summary>
    public static readonly IReadOnlyList<string> DelimitedEntries = TopLevelKeys.Concat(Folders).Order(Utf8Ordinal.Instance).ToList();

    /// <summary>Sanity check of the layout itself, so a wrong expectation cannot pass unnoticed.</summary>
    public static void AssertLayoutIsSound()
    {
        Assert.Equal(2500, AllKeys.Count);
        Assert.Equal(2500, AllKeys.Distinct().Count());
        Assert.Equal(45, DelimitedEntries.Count);
        var utf16 = AllKeys.Order(StringComparer.Ordinal).ToList();
        Assert.NotEqual(utf16, AllKeys); // the layout does distinguish the two orders
        Assert.True(Encoding.UTF8.GetByteCount("\uFF21") < Encoding.UTF8.GetByteCount("\U0001F600"));
    }
}
