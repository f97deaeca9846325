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
}
