using System.Globalization;

namespace Cairn.Bench.Scenarios;

/// <summary>
/// The keys of scenario 5's bucket, whichever database they are seeded into: <c>d000000/f0</c> …, ten per "directory",
/// so a page with delimiter "/" is 1,000 common prefixes.
/// </summary>
internal static class ListingKeys
{
    public const string Bucket = "bench-list";

    /// <summary>The key of the i-th object, in listing order.</summary>
    public static string KeyAt(int index, int perDirectory) =>
        string.Create(CultureInfo.InvariantCulture, $"d{index / perDirectory:D6}/f{index % perDirectory}");

    /// <summary>The smallest string after every string starting with an ASCII <paramref name="prefix"/>.</summary>
    public static string Successor(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
