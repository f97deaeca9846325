using System.Globalization;
using Cairn.Core.Errors;

namespace Cairn.Server.Http;

/// <summary>The bytes of a copy source a part is copied from: first and last offsets, both inclusive, first ≤ last.</summary>
internal readonly record struct SourceRange(long First, long Last)
{
    /// <summary>Start and length inside a source of <paramref name="size"/> bytes; InvalidRange when it reaches past the end.</summary>
    public (long Start, long Length) Within(long size) =>
        Last < size
            ? (First, Last - First + 1)
            : throw new CairnException(ErrorCode.InvalidRange, $"Range specified is not valid for source object of size: {size}")
            {
                Details = new ErrorDetails { ActualObjectSize = size },
            };

    /// <summary>
    /// A copy-source-range header, <c>bytes=first-last</c>, both inclusive (null when absent); checked against the
    /// source's size later. The dialect names the header, the format is the same in every dialect.
    /// </summary>
    public static SourceRange? Parse(string? header, string headerName)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var spec = header.StartsWith("bytes=", StringComparison.Ordinal) ? header[6..] : null;
        var dash = spec?.IndexOf('-') ?? -1;
        if (spec is null || dash <= 0
            || !long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            throw new CairnException(ErrorCode.InvalidArgument, $"The {headerName} value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = headerName, ["ArgumentValue"] = header },
            };
        }

        return new SourceRange(first, last);
    }
}
