using Cairn.Core.Errors;

namespace Cairn.Server.Http;

/// <summary>Query-string parameters of the listing operations.</summary>
internal static class ListingQuery
{
    /// <summary>Parses a max-keys style parameter: absent → null; not a non-negative integer → InvalidArgument.</summary>
    public static int? ParseMax(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, out var value) && value >= 0
            ? value
            : throw new CairnException(ErrorCode.InvalidArgument, $"Provided {name} not an integer or within integer range")
            {
                Details = new ErrorDetails { ArgumentName = name, ArgumentValue = text },
            };
    }
}
