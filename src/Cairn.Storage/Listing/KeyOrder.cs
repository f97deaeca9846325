using System.Text;

namespace Cairn.Storage.Listing;

/// <summary>
/// S3's key order — byte order of the UTF-8 — and the delimiter roll-up, for every listing of both metadata stores.
/// </summary>
internal static class KeyOrder
{
    /// <summary>The common prefix a key rolls up into (prefix + text up to and including the delimiter), or null.</summary>
    public static string? CommonPrefixOf(string key, string prefix, string delimiter)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var index = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return index < 0 ? null : key[..(index + delimiter.Length)];
    }

    /// <summary>
    /// The smallest string greater than every string starting with <paramref name="value"/>, in UTF-8 byte order:
    /// the last code point incremented (dropping trailing maximal code points). Null when none exists.
    /// </summary>
    public static string? Successor(string value)
    {
        var runes = value.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            var next = last + 1;
            if (next is >= 0xD800 and <= 0xDFFF)
            {
                next = 0xE000;
            }

            if (next <= 0x10FFFF)
            {
                var builder = new StringBuilder();
                foreach (var rune in runes)
                {
                    builder.Append(rune.ToString());
                }

                return builder.Append(new Rune(next).ToString()).ToString();
            }
        }

        return null;
    }

    /// <summary>Compares two strings by their UTF-8 bytes (= code point order), the order of SQLite's BINARY collation and PostgreSQL's "C".</summary>
    public static int Utf8Compare(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var ha = ea.MoveNext();
            var hb = eb.MoveNext();
            if (!ha || !hb)
            {
                return ha == hb ? 0 : ha ? 1 : -1;
            }

            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
