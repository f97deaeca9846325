using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Server.Http;

namespace Cairn.Server.Dialects;

/// <summary>
/// The query parameters of the multipart operations, spelled alike in S3 and OSS: partNumber, and the paging
/// parameters of ListMultipartUploads and ListParts.
/// </summary>
internal static class MultipartQuery
{
    /// <summary>The partNumber parameter; its range (1..10000) is checked by the service.</summary>
    public static int ParsePartNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new CairnException(ErrorCode.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = "partNumber", ["ArgumentValue"] = text ?? string.Empty },
            };

    public static ListUploadsInput ReadListMultipartUploads(IQueryCollection q) =>
        new(KeyEncoding.FromQuery(q["encoding-type"]), q["prefix"].ToString(), q["delimiter"].ToString(),
            q["key-marker"].ToString(), q["upload-id-marker"].ToString(), ListingQuery.ParseMax(q["max-uploads"], "max-uploads"));

    public static ListPartsInput ReadListParts(IQueryCollection q)
    {
        var markerText = q["part-number-marker"].ToString();
        var marker = 0;
        if (markerText.Length > 0 && (!int.TryParse(markerText, NumberStyles.None, CultureInfo.InvariantCulture, out marker)))
        {
            throw new CairnException(ErrorCode.InvalidArgument, "Provided part-number-marker not an integer or within integer range")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = "part-number-marker", ["ArgumentValue"] = markerText },
            };
        }

        return new ListPartsInput(q["uploadId"].ToString(), marker, ListingQuery.ParseMax(q["max-parts"], "max-parts"));
    }
}
