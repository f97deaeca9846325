using Cairn.Core.Errors;

namespace Cairn.Server.Http;

/// <summary>
/// A single byte range from a <c>Range: bytes=...</c> header: <c>a-b</c>, <c>a-</c> or <c>-n</c>. Like S3,
/// a header that does not parse, or asks for several ranges, is ignored (the whole object is sent).
/// </summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>Resolves the header against an object size: null = whole object; throws InvalidRange when unsatisfiable.</summary>
    public static ByteRange? Resolve(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header[6..].Trim();
        if (spec.Contains(','))
        {
            return null;
        }

        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(last, out var suffix) || suffix < 0)
            {
                return null;
            }

            if (suffix == 0 || size == 0)
            {
                throw Unsatisfiable(size);
            }

            var n = Math.Min(suffix, size);
            return new ByteRange(size - n, n);
        }

        if (!long.TryParse(first, out var start) || start < 0)
        {
            return null;
        }

        long end;
        if (last.Length == 0)
        {
            end = size - 1;
        }
        else if (!TryParsePosition(last, out end) || end < start)
        {
            return null;
        }

        if (start >= size)
        {
            throw Unsatisfiable(size);
        }

        end = Math.Min(end, size - 1);
        return new ByteRange(start, end - start + 1);
    }

    /// <summary>A last-byte position too large for a long still means "to the end" (RFC 9110 §14.1.2).</summary>
    private static bool TryParsePosition(string text, out long value)
    {
        if (long.TryParse(text, out value))
        {
            return value >= 0;
        }

        value = long.MaxValue;
        return text.Length > 0 && text.All(char.IsAsciiDigit);
    }

    private static CairnException Unsatisfiable(long size) =>
        new(ErrorCode.InvalidRange, "The requested range is not satisfiable")
        {
            Details = new ErrorDetails { ActualObjectSize = size },
        };
}
