using System.Text;

namespace Cairn.Storage.Tests.Support;

/// <summary>
/// The reference order for keys: compares the UTF-8 encodings byte by byte (S3's listing order). Written
/// independently of the store's own comparison so the tests do not share its mistakes.
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Encoding.UTF8.GetBytes(x ?? string.Empty);
        var b = Encoding.UTF8.GetBytes(y ?? string.Empty);
        return a.AsSpan().SequenceCompareTo(b);
    }
}
