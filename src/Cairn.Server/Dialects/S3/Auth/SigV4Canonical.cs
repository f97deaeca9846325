using System.Text;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>Builds the SigV4 canonical request (docs/s3-compatibility.md "Signature V4 in the Authorization header") from the raw request target and headers.</summary>
internal static class SigV4Canonical
{
    /// <summary>
    /// METHOD \n URI \n QUERY \n HEADERS \n SIGNED-HEADERS \n PAYLOAD-HASH. <paramref name="excludedParameter"/> is
    /// left out of the query (X-Amz-Signature for presigned URLs).
    /// </summary>
    public static string BuildRequest(string method, RequestTarget target, IHeaderDictionary headers,
        IReadOnlyList<string> signedHeaders, string payloadHash, string? excludedParameter)
    {
        var builder = new StringBuilder(256 + target.RawPath.Length + target.RawQuery.Length);
        builder.Append(method).Append('\n');
        AppendUri(builder, target.RawPath);
        builder.Append('\n');
        AppendQuery(builder, target.Query, excludedParameter);
        builder.Append('\n');
        AppendHeaders(builder, headers, signedHeaders);
        builder.Append('\n');
        builder.AppendJoin(';', signedHeaders);
        builder.Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>
    /// Each '/'-separated segment is decoded and re-encoded once; S3 does not normalise <c>//</c>, <c>.</c> or
    /// <c>..</c>, so segments are kept as they are (an encoded <c>%2F</c> stays inside its segment).
    /// </summary>
    public static void AppendUri(StringBuilder builder, string rawPath)
    {
        var path = rawPath.AsSpan();
        var first = true;
        foreach (var range in path.Split('/'))
        {
            if (!first)
            {
                builder.Append('/');
            }

            first = false;
            PercentEncoding.AppendCanonical(builder, path[range], plusIsSpace: false);
        }
    }

    /// <summary>Names and values re-encoded (space as %20), sorted by name then value, valueless as <c>name=</c>.</summary>
    public static void AppendQuery(StringBuilder builder, IReadOnlyList<QueryParameter> query, string? excludedParameter) =>
        AppendSortedQuery(builder, query, excludedParameter, valuelessAsNameOnly: false);

    /// <summary>
    /// The canonical query of the SigV4 family (SigV4, OSS V4): every parameter but <paramref name="excludedParameter"/>,
    /// names and values re-encoded (space as %20), sorted by name then value, '&amp;'-joined. A valueless parameter is
    /// <c>name=</c> in SigV4 and <c>name</c> alone in OSS V4 (<paramref name="valuelessAsNameOnly"/>).
    /// </summary>
    public static void AppendSortedQuery(StringBuilder builder, IReadOnlyList<QueryParameter> query, string? excludedParameter, bool valuelessAsNameOnly)
    {
        var pairs = new List<(string Name, string Value)>(query.Count);
        var scratch = new StringBuilder();
        foreach (var parameter in query)
        {
            if (excludedParameter is not null && string.Equals(parameter.Name, excludedParameter, StringComparison.Ordinal))
            {
                continue;
            }

            scratch.Clear();
            PercentEncoding.AppendCanonical(scratch, parameter.RawName, plusIsSpace: true);
            var name = scratch.ToString();
            scratch.Clear();
            PercentEncoding.AppendCanonical(scratch, parameter.RawValue, plusIsSpace: true);
            pairs.Add((name, scratch.ToString()));
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            builder.Append(pairs[i].Name);
            if (!valuelessAsNameOnly || pairs[i].Value.Length > 0)
            {
                builder.Append('=').Append(pairs[i].Value);
            }
        }
    }

    /// <summary>
    /// <c>name:value\n</c> per signed header: values trimmed, inner whitespace runs collapsed to one space, repeated
    /// headers joined with ','. A signed header that is absent contributes an empty value (and so fails the check).
    /// Verbatim headers (kept as the bytes sent) are signed as the text those bytes stand for.
    /// </summary>
    public static void AppendHeaders(StringBuilder builder, IHeaderDictionary headers, IReadOnlyList<string> signedHeaders)
    {
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':');
            var values = headers[name];
            var verbatim = Http.VerbatimHeaders.IsVerbatim(name);
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                AppendTrimmed(builder, verbatim ? Http.VerbatimHeaders.SignedText(values[i] ?? string.Empty) : values[i]);
            }

            builder.Append('\n');
        }
    }

    private static void AppendTrimmed(StringBuilder builder, string? value)
    {
        var span = value.AsSpan().Trim();
        var inWhitespace = false;
        foreach (var c in span)
        {
            if (c is ' ' or '\t')
            {
                inWhitespace = true;
                continue;
            }

            if (inWhitespace)
            {
                builder.Append(' ');
                inWhitespace = false;
            }

            builder.Append(c);
        }
    }
}
