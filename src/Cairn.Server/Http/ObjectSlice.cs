using Cairn.Core.Errors;
using Cairn.Core.Model;

namespace Cairn.Server.Http;

/// <summary>
/// Which bytes a GET/HEAD returns: a Range, or one part of a multipart object by <c>?partNumber=N</c>
/// (docs/s3-compatibility.md "Parts and ranges on GET and HEAD"), or everything (null).
/// </summary>
internal static class ObjectSlice
{
    public static (ByteRange? Range, int? PartsCount) Resolve(ObjectRecord record, string? partNumberText, string? rangeHeader)
    {
        if (string.IsNullOrEmpty(partNumberText))
        {
            return (ByteRange.Resolve(rangeHeader, record.Size), null);
        }

        if (!string.IsNullOrEmpty(rangeHeader))
        {
            throw new CairnException(ErrorCode.InvalidRequest, "Cannot specify both Range header and partNumber query parameter.");
        }

        if (!int.TryParse(partNumberText, out var partNumber) || partNumber < 1 || partNumber > 10_000)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive.")
            {
                Details = new ErrorDetails { ArgumentName = "partNumber", ArgumentValue = partNumberText },
            };
        }

        if (record.PartsCount is null)
        {
            // A whole object is its own part 1.
            return partNumber == 1
                ? (new ByteRange(0, record.Size), null)
                : throw new CairnException(ErrorCode.InvalidPart, "The requested partnumber is not satisfiable");
        }

        long offset = 0;
        foreach (var segment in record.Segments)
        {
            if (segment.PartNumber == partNumber)
            {
                var length = record.Segments.Where(s => s.PartNumber == partNumber).Sum(s => s.Length);
                return (new ByteRange(offset, length), record.PartsCount);
            }

            offset += segment.Length;
        }

        throw new CairnException(ErrorCode.InvalidPart, "The requested partnumber is not satisfiable");
    }
}
