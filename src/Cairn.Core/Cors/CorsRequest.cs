namespace Cairn.Core.Cors;

/// <summary>
/// What a cross-origin request asks of a bucket's rules: its origin, the method it uses (or, for a preflight, will
/// use) and the request headers it names in Access-Control-Request-Headers, lowercased, in the order sent.
/// </summary>
public sealed record CorsRequest(string Origin, string Method, IReadOnlyList<string> RequestedHeaders)
{
    /// <summary>
    /// The names of an Access-Control-Request-Headers value: a comma-separated list, whitespace around names and
    /// empty elements ignored, names lowercased (header names are case-insensitive; S3 answers them lowercase).
    /// </summary>
    public static IReadOnlyList<string> ParseHeaderList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.ToLowerInvariant())
            .ToList();
    }
}
