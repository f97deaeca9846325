using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Http;

/// <summary>
/// The four conditions of a read or a copy source, as sent (RFC 9110 §13.1): <see cref="Preconditions"/> evaluates
/// them against the object. A copy source's come from the dialect's own headers; a read's from the standard ones.
/// </summary>
internal sealed record ObjectConditions(string? IfMatch, string? IfUnmodifiedSince, string? IfNoneMatch, string? IfModifiedSince)
{
    /// <summary>If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since.</summary>
    public static ObjectConditions FromHeaders(IHeaderDictionary headers) => new(
        headers[HeaderNames.IfMatch], headers[HeaderNames.IfUnmodifiedSince],
        headers[HeaderNames.IfNoneMatch], headers[HeaderNames.IfModifiedSince]);
}
