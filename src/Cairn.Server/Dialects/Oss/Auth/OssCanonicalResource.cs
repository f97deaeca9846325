using System.Collections.Frozen;
using System.Text;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// The resource an OSS signature covers (docs/oss-compatibility.md "Signatures"): always <c>/bucket/key</c>, whatever
/// the addressing style, <c>/bucket/</c> for a bucket and <c>/</c> for the service. V1 signs it with the object name
/// decoded and the signed sub-resources appended; V4 signs it percent-encoded as its canonical URI.
/// </summary>
internal static class OssCanonicalResource
{
    /// <summary>
    /// Query parameters V1 signs as sub-resources (the union of the lists OSS SDKs sign); any other parameter named
    /// <c>x-oss-*</c> is signed too. Paging parameters (prefix, marker, max-keys...) are not.
    /// </summary>
    private static readonly FrozenSet<string> SubResources = new[]
    {
        "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append",
        "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position", "img", "style", "styleName",
        "replication", "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp", "qos", "live",
        "status", "vod", "startTime", "endTime", "symlink", "response-content-type", "response-content-language",
        "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding",
        "udf", "udfName", "udfImage", "udfId", "udfImageDesc", "udfApplication", "udfApplicationLog", "restore",
        "callback", "callback-var", "qosInfo", "policy", "stat", "encryption", "versions", "versioning", "versionId",
        "requestPayment", "sequential", "inventory", "inventoryId", "continuation-token", "asyncFetch", "worm",
        "wormId", "wormExtend", "withHashContext", "transferAcceleration", "regionList", "cloudboxes", "metaQuery",
        "resourceGroup", "rtc", "responseHeader",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary><c>/</c>, <c>/bucket/</c> or <c>/bucket/key</c> with the key as decoded text.</summary>
    public static string Path(ResourcePath target) =>
        target.Bucket is null ? "/" : "/" + target.Bucket + "/" + target.Key;

    /// <summary>
    /// V1's canonicalized resource: <see cref="Path"/>, then <c>?</c> and the sub-resources present, sorted by name,
    /// <c>name</c> alone when valueless, else <c>name=value</c> with the value decoded, joined by <c>&amp;</c>.
    /// </summary>
    public static string ForV1(ResourcePath target, RequestTarget request)
    {
        var builder = new StringBuilder(Path(target));
        var signed = request.Query
            .Where(p => SubResources.Contains(p.Name) || p.Name.StartsWith(OssHeaders.Prefix, StringComparison.Ordinal))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < signed.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&').Append(signed[i].Name);
            if (signed[i].Value.Length > 0)
            {
                builder.Append('=').Append(signed[i].Value);
            }
        }

        return builder.ToString();
    }

    /// <summary>V4's canonical URI: <see cref="Path"/> percent-encoded with the unreserved set, '/' kept.</summary>
    public static string ForV4(ResourcePath target)
    {
        var path = Path(target);
        var builder = new StringBuilder(path.Length * 2);
        var first = true;
        foreach (var segment in path.Split('/'))
        {
            if (!first)
            {
                builder.Append('/');
            }

            first = false;
            PercentEncoding.AppendEncoded(builder, Encoding.UTF8.GetBytes(segment));
        }

        return builder.ToString();
    }
}
