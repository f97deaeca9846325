using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// The request target exactly as the client sent it: signatures are computed over the raw path and query, not over
/// ASP.NET's decoded <c>Request.Path</c>, which loses information (docs/s3-compatibility.md "Signature V4 in the Authorization header").
/// </summary>
internal sealed class RequestTarget
{
    private readonly QueryParameter[] _query;

    private RequestTarget(string rawPath, string rawQuery, QueryParameter[] query)
    {
        RawPath = rawPath;
        RawQuery = rawQuery;
        _query = query;
    }

    /// <summary>The path part of the raw target, still percent-encoded; "/" when empty.</summary>
    public string RawPath { get; }

    /// <summary>The query part without the leading '?', still percent-encoded.</summary>
    public string RawQuery { get; }

    /// <summary>Parameters in the order sent; empty pieces (<c>a&amp;&amp;b</c>) are dropped.</summary>
    public IReadOnlyList<QueryParameter> Query => _query;

    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>The decoded value of the first parameter called <paramref name="name"/> (case-sensitive), or null.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _query[index].Value;
    }

    public static RequestTarget From(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            // No raw target (e.g. a hand-built context): the best available approximation.
            raw = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        }

        return Parse(raw);
    }

    public static RequestTarget Parse(string raw)
    {
        // Absolute-form targets (proxies): drop scheme and authority.
        var schemeEnd = raw.StartsWith('/') ? -1 : raw.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var pathStart = raw.IndexOfAny(['/', '?'], schemeEnd + 3);
            raw = pathStart < 0 ? "/" : raw[pathStart..];
        }

        var question = raw.IndexOf('?');
        var path = question < 0 ? raw : raw[..question];
        var query = question < 0 ? string.Empty : raw[(question + 1)..];
        if (path.Length == 0)
        {
            path = "/";
        }

        return new RequestTarget(path, query, ParseQuery(query));
    }

    private static QueryParameter[] ParseQuery(string query)
    {
        if (query.Length == 0)
        {
            return [];
        }

        var result = new List<QueryParameter>();
        foreach (var range in query.AsSpan().Split('&'))
        {
            var piece = query.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            if (piece.IsEmpty)
            {
                continue;
            }

            var equals = piece.IndexOf('=');
            var rawName = equals < 0 ? piece : piece[..equals];
            var rawValue = equals < 0 ? ReadOnlySpan<char>.Empty : piece[(equals + 1)..];
            result.Add(new QueryParameter(
                rawName.ToString(),
                rawValue.ToString(),
                PercentEncoding.DecodeToString(rawName, plusIsSpace: true),
                PercentEncoding.DecodeToString(rawValue, plusIsSpace: true)));
        }

        return [.. result];
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _query.Length; i++)
        {
            if (string.Equals(_query[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
