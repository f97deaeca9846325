using System.Globalization;
using Cairn.Core.Cors;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Cors;

/// <summary>
/// The CORS protocol's headers, the same in every dialect: what a request asks (Origin, Access-Control-Request-Method,
/// Access-Control-Request-Headers) and what an allowed request is answered, preflight and actual request alike.
/// </summary>
internal static class CorsHeaders
{
    /// <summary>The answer depends on these request headers: caches must not serve it to a request that differs in them.</summary>
    private static readonly string Vary = string.Join(", ",
        HeaderNames.Origin, HeaderNames.AccessControlRequestHeaders, HeaderNames.AccessControlRequestMethod);

    /// <summary>The request's Origin; empty when it sends none (then it is no cross-origin request).</summary>
    public static string Origin(HttpRequest request) => request.Headers.Origin.ToString();

    /// <summary>Access-Control-Request-Method; empty when absent.</summary>
    public static string RequestedMethod(HttpRequest request) => request.Headers.AccessControlRequestMethod.ToString();

    /// <summary>What the request asks of the rules, for a request that uses (or will use) <paramref name="method"/>.</summary>
    public static CorsRequest Read(HttpRequest request, string origin, string method) =>
        new(origin, method, CorsRequest.ParseHeaderList(request.Headers.AccessControlRequestHeaders.ToString()));

    /// <summary>
    /// The headers that let a browser use the answer: the allowed origin (with credentials unless every origin is
    /// allowed), the rule's methods, the requested headers, the rule's exposed headers and max age, and Vary.
    /// </summary>
    public static void Write(HttpResponse response, CorsMatch match)
    {
        var headers = response.Headers;
        var rule = match.Rule;
        headers.AccessControlAllowOrigin = match.AllowOrigin;
        if (match.AllowCredentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }

        headers.AccessControlAllowMethods = string.Join(", ", rule.AllowedMethods);
        if (match.AllowHeaders.Count > 0)
        {
            headers.AccessControlAllowHeaders = string.Join(", ", match.AllowHeaders);
        }

        if (rule.ExposeHeaders.Count > 0)
        {
            headers.AccessControlExposeHeaders = string.Join(", ", rule.ExposeHeaders);
        }

        if (rule.MaxAgeSeconds is { } maxAge)
        {
            headers.AccessControlMaxAge = maxAge.ToString(CultureInfo.InvariantCulture);
        }

        headers.Append(HeaderNames.Vary, Vary);
    }
}
