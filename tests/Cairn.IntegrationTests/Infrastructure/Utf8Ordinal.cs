using System.Text;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// Orders strings by their UTF-8 bytes, which is S3's key order. It differs from .NET's ordinal (UTF-16)
/// order for characters above U+FFFF versus U+E000..U+FFFF.
/// </summary>
public sealed class Utf8Ordinal : IComparer<string>
{
    public static readonly Utf8Ordinal Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
