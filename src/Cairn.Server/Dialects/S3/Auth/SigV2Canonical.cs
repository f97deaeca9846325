using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// The SigV2 string to sign (docs/s3-compatibility.md "Signature V2"). OSS's V1 signature has the same layout with
/// its own header prefix and canonical resource (docs/oss-compatibility.md "Signatures"), so it is built here too.
/// </summary>
internal static class SigV2Canonical
{
    /// <summary>Sub-resources that belong to the canonicalized resource (docs/s3-compatibility.md "Signature V2", MinIO's resourceList).</summary>
    public static readonly FrozenSet<string> SubResources = new[]
    {
        "acl", "cors", "delete", "encryption", "legal-hold", "lifecycle", "location", "logging", "notification",
        "partNumber", "policy", "requestPayment", "response-cache-control", "response-content-disposition",
        "response-content-encoding", "response-content-language", "response-content-type", "response-expires",
        "retention", "select", "select-type", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
        "versions", "website",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// <c>METHOD\nContent-MD5\nContent-Type\nDate\n</c> + prefixed headers + resource. <paramref name="dateLine"/> is
    /// the Date header, empty when x-amz-date is sent, or the Expires value of a presigned URL;
    /// <paramref name="headerPrefix"/> names the headers that are signed (<c>x-amz-</c>, OSS's <c>x-oss-</c>).
    /// </summary>
    public static string BuildStringToSign(HttpRequest request, string dateLine, string resource, string headerPrefix = AuthHeaders.AmzPrefix)
    {
        var builder = new StringBuilder(256);
        builder.Append(request.Method).Append('\n');
        builder.Append(request.Headers[AuthHeaders.ContentMd5].ToString().Trim()).Append('\n');
        builder.Append(Http.VerbatimHeaders.SignedText(request.Headers[AuthHeaders.ContentType].ToString().Trim())).Append('\n');
        builder.Append(dateLine).Append('\n');
        AppendPrefixedHeaders(builder, request.Headers, headerPrefix);
        builder.Append(resource);
        return builder.ToString();
    }

    /// <summary>
    /// <c>/bucket/key</c> in path-style form even for virtual-hosted requests, from the raw (still encoded) path,
    /// followed by the sorted sub-resources present (values decoded, valueless ones as the bare name).
    /// </summary>
    public static string BuildResource(RequestTarget target, string? virtualHostBucket, bool appendSlash)
    {
        var builder = new StringBuilder(64 + target.RawPath.Length);
        if (virtualHostBucket is not null)
        {
            builder.Append('/').Append(virtualHostBucket);
        }

        builder.Append(target.RawPath);
        if (appendSlash)
        {
            builder.Append('/');
        }

        var subResources = target.Query.Where(p => SubResources.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < subResources.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&').Append(subResources[i].Name);
            if (subResources[i].Value.Length > 0)
            {
                builder.Append('=').Append(subResources[i].Value);
            }
        }

        return builder.ToString();
    }

    /// <summary>Lower-cased headers named with <paramref name="prefix"/>, sorted by name, <c>name:value\n</c>, repeated values joined with ','.</summary>
    private static void AppendPrefixedHeaders(StringBuilder builder, IHeaderDictionary headers, string prefix)
    {
        var amz = new List<(string Name, string Value)>();
        foreach (var (name, values) in headers)
        {
            if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var verbatim = Http.VerbatimHeaders.IsVerbatim(name);
            amz.Add((name.ToLowerInvariant(), string.Join(',', values.Select(v =>
            {
                var trimmed = (v ?? string.Empty).Trim();
                return verbatim ? Http.VerbatimHeaders.SignedText(trimmed) : trimmed;
            }))));
        }

        amz.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, value) in amz)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }
}
