using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// A small Alibaba OSS signer for hand-made requests an SDK will not send (wrong secret, skewed clock, expired URLs,
/// virtual-hosted Host headers). Written from the OSS signature rules (docs/oss-compatibility.md "Signatures"):
/// V1 (<c>Authorization: OSS ak:sig</c>, HMAC-SHA1) and V1 signed URLs, V4 (<c>OSS4-HMAC-SHA256</c>) in the header
/// and in a presigned query. It is the tests' oracle, so it shares no code with the server.
/// </summary>
/// <remarks>
/// Requests are addressed path-style (<c>/bucket/key</c>) unless a <c>virtualHostBucket</c> is given, in which case
/// the path is <c>/key</c> and the bucket comes from the Host; the canonical resource names the bucket either way.
/// </remarks>
public sealed class RawOssSigner
{
    public const string V4Algorithm = "OSS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>Query parameters that belong to a V1 canonical resource; besides these, every <c>x-oss-*</c> one.</summary>
    private static readonly HashSet<string> V1SubResources = new(StringComparer.Ordinal)
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
    };

    /// <param name="accessKey">The key id the requests name.</param>
    /// <param name="secretKey">The secret they are signed with.</param>
    /// <param name="region">The V4 credential scope's region ("cn-hangzhou").</param>
    /// <param name="securityToken">A temporary credential's session token: sent as x-oss-security-token (headers,
    /// V4 query) or security-token (V1 URL).</param>
    public RawOssSigner(string accessKey, string secretKey, string region = "cn-hangzhou", string? securityToken = null)
    {
        AccessKey = accessKey;
        SecretKey = secretKey;
        Region = region;
        SecurityToken = securityToken;
    }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public string Region { get; }

    public string? SecurityToken { get; }

    /// <summary>RFC 1123 date, the form of V1's <c>x-oss-date</c>.</summary>
    public static string V1Date(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary><c>yyyyMMddTHHmmssZ</c>, the form of V4's <c>x-oss-date</c>.</summary>
    public static string V4Date(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public string V4Scope(DateTimeOffset time) =>
        $"{time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{Region}/oss/aliyun_v4_request";

    // ---------------------------------------------------------------- V1

    /// <summary>
    /// Signs <paramref name="request"/> in place with <c>Authorization: OSS ak:sig</c>: adds <c>x-oss-date</c> (the
    /// Date line, as ali-oss does) and the session token, then signs Content-MD5, Content-Type, every x-oss-* header
    /// and the canonical resource. Returns the string to sign.
    /// </summary>
    public string SignV1(HttpRequestMessage request, DateTimeOffset? time = null, string? virtualHostBucket = null)
    {
        request.Headers.TryAddWithoutValidation("x-oss-date", V1Date(time ?? DateTimeOffset.UtcNow));
        if (SecurityToken is not null)
        {
            request.Headers.TryAddWithoutValidation("x-oss-security-token", SecurityToken);
        }

        var headers = CollectHeaders(request);
        var dateLine = Find(headers, "date") ?? Find(headers, "x-oss-date") ?? string.Empty;
        var stringToSign = V1StringToSign(request.Method.Method, headers, dateLine, V1Resource(request.RequestUri!, virtualHostBucket));
        request.Headers.TryAddWithoutValidation("Authorization", $"OSS {AccessKey}:{V1Signature(stringToSign)}");
        return stringToSign;
    }

    /// <summary>
    /// A V1 signed URL: <c>OSSAccessKeyId</c>, <c>Expires</c> (unix seconds), <c>Signature</c> and, for a temporary
    /// credential, <c>security-token</c> (itself a signed sub-resource). <paramref name="headers"/> are the
    /// Content-Type / Content-MD5 / x-oss-* headers the request will carry.
    /// </summary>
    public Uri PresignV1(string method, Uri uri, DateTimeOffset expires, IEnumerable<KeyValuePair<string, string>>? headers = null,
        string? virtualHostBucket = null)
    {
        var unsigned = SecurityToken is null ? uri : AppendQuery(uri, "security-token=" + Encode(SecurityToken));
        var expiresText = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var list = headers?.Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value)).ToList() ?? [];
        var stringToSign = V1StringToSign(method, list, expiresText, V1Resource(unsigned, virtualHostBucket));
        return AppendQuery(unsigned,
            $"OSSAccessKeyId={Encode(AccessKey)}&Expires={expiresText}&Signature={Encode(V1Signature(stringToSign))}");
    }

    /// <summary>
    /// <c>/bucket/key</c> with the key decoded (raw UTF-8), <c>/bucket/</c> for a bucket, <c>/</c> for the service,
    /// then <c>?</c> and the signed sub-resources sorted by name (<c>name</c> or <c>name=decoded value</c>).
    /// </summary>
    public static string V1Resource(Uri uri, string? virtualHostBucket = null)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var resource = virtualHostBucket is null
            ? (path.Length > 1 && path.IndexOf('/', 1) < 0 ? path + "/" : path)
            : "/" + virtualHostBucket + path;
        var subResources = ParseQuery(uri.Query)
            .Where(p => V1SubResources.Contains(p.Name) || p.Name.StartsWith("x-oss-", StringComparison.Ordinal))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Value.Length == 0 ? p.Name : p.Name + "=" + p.Value)
            .ToList();
        return subResources.Count == 0 ? resource : resource + "?" + string.Join("&", subResources);
    }

    public string V1Signature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(SecretKey), Encoding.UTF8.GetBytes(stringToSign)));

    private static string V1StringToSign(string method, List<KeyValuePair<string, string>> headers, string dateLine, string resource)
    {
        var builder = new StringBuilder();
        builder.Append(method).Append('\n')
            .Append(Find(headers, "content-md5") ?? string.Empty).Append('\n')
            .Append(Find(headers, "content-type") ?? string.Empty).Append('\n')
            .Append(dateLine).Append('\n');
        foreach (var (name, value) in OssHeaders(headers))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        return builder.Append(resource).ToString();
    }

    // ---------------------------------------------------------------- V4

    /// <summary>
    /// Signs <paramref name="request"/> in place with <c>Authorization: OSS4-HMAC-SHA256 ...</c>: adds
    /// <c>x-oss-date</c>, <c>x-oss-content-sha256: UNSIGNED-PAYLOAD</c> and the session token; signs every x-oss-*
    /// header, Content-Type, Content-MD5 and <paramref name="additionalHeaders"/>. Returns the canonical request.
    /// </summary>
    public string SignV4(HttpRequestMessage request, DateTimeOffset? time = null, string? virtualHostBucket = null,
        IReadOnlyList<string>? additionalHeaders = null)
    {
        var when = time ?? DateTimeOffset.UtcNow;
        request.Headers.TryAddWithoutValidation("x-oss-date", V4Date(when));
        request.Headers.TryAddWithoutValidation("x-oss-content-sha256", UnsignedPayload);
        if (SecurityToken is not null)
        {
            request.Headers.TryAddWithoutValidation("x-oss-security-token", SecurityToken);
        }

        var additional = (additionalHeaders ?? []).Select(h => h.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        var headers = CollectHeaders(request);
        if (additional.Contains("host") && Find(headers, "host") is null)
        {
            headers.Add(new("host", request.Headers.Host ?? request.RequestUri!.Authority));
        }

        var canonicalRequest = V4CanonicalRequest(request.Method.Method, request.RequestUri!, virtualHostBucket, headers, additional);
        var signature = V4Signature(when, canonicalRequest);
        var additionalPart = additional.Count == 0 ? string.Empty : "AdditionalHeaders=" + string.Join(";", additional) + ",";
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{V4Algorithm} Credential={AccessKey}/{V4Scope(when)},{additionalPart}Signature={signature}");
        return canonicalRequest;
    }

    /// <summary>
    /// A V4 presigned URL: <c>x-oss-signature-version</c>, <c>x-oss-credential</c>, <c>x-oss-date</c>,
    /// <c>x-oss-expires</c>, the session token and <c>x-oss-signature</c>, payload UNSIGNED-PAYLOAD.
    /// </summary>
    public Uri PresignV4(string method, Uri uri, DateTimeOffset time, long expiresSeconds,
        IEnumerable<KeyValuePair<string, string>>? headers = null, string? virtualHostBucket = null)
    {
        var query = $"x-oss-signature-version={V4Algorithm}"
            + $"&x-oss-credential={Encode(AccessKey + "/" + V4Scope(time))}"
            + $"&x-oss-date={V4Date(time)}"
            + $"&x-oss-expires={expiresSeconds.ToString(CultureInfo.InvariantCulture)}"
            + (SecurityToken is null ? string.Empty : "&x-oss-security-token=" + Encode(SecurityToken));
        var unsigned = AppendQuery(uri, query);
        var list = headers?.Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value)).ToList() ?? [];
        var canonicalRequest = V4CanonicalRequest(method, unsigned, virtualHostBucket, list, []);
        return AppendQuery(unsigned, "x-oss-signature=" + V4Signature(time, canonicalRequest));
    }

    /// <summary>
    /// <c>METHOD\n/bucket/key (encoded)\nquery\nheaders\n\nadditional\npayload hash</c>; every query parameter,
    /// re-encoded, sorted, <c>name</c> alone when its value is empty.
    /// </summary>
    public static string V4CanonicalRequest(string method, Uri uri, string? virtualHostBucket,
        List<KeyValuePair<string, string>> headers, IReadOnlyList<string> additionalHeaders)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var canonicalUri = Encode(virtualHostBucket is null ? path : "/" + virtualHostBucket + path).Replace("%2F", "/", StringComparison.Ordinal);
        var query = string.Join("&", ParseQuery(uri.Query)
            .Where(p => p.Name != "x-oss-signature")
            .Select(p => (Name: Encode(p.Name), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Value.Length == 0 ? p.Name : p.Name + "=" + p.Value));
        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (name.StartsWith("x-oss-", StringComparison.Ordinal) || name is "content-type" or "content-md5" || additionalHeaders.Contains(name))
            {
                signed[name] = signed.TryGetValue(name, out var existing) ? existing + "," + value.Trim() : value.Trim();
            }
        }

        var canonicalHeaders = string.Concat(signed.Select(kv => kv.Key + ":" + kv.Value + "\n"));
        var payload = Find(headers, "x-oss-content-sha256") ?? UnsignedPayload;
        return string.Join("\n", method, canonicalUri, query, canonicalHeaders, string.Join(";", additionalHeaders), payload);
    }

    public string V4StringToSign(DateTimeOffset time, string canonicalRequest) =>
        string.Join("\n", V4Algorithm, V4Date(time), V4Scope(time),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

    public string V4Signature(DateTimeOffset time, string canonicalRequest)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("aliyun_v4" + SecretKey), time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        key = Hmac(key, Region);
        key = Hmac(key, "oss");
        key = Hmac(key, "aliyun_v4_request");
        return Convert.ToHexStringLower(Hmac(key, V4StringToSign(time, canonicalRequest)));
    }

    /// <summary>RFC 3986 encoding of UTF-8 bytes: <c>A-Z a-z 0-9 - _ . ~</c> stay, everything else is <c>%XX</c>.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    // ---------------------------------------------------------------- shared pieces

    private static List<KeyValuePair<string, string>> CollectHeaders(HttpRequestMessage request)
    {
        var headers = new List<KeyValuePair<string, string>>();
        AddAll(headers, request.Headers);
        if (request.Content is not null)
        {
            AddAll(headers, request.Content.Headers);
        }

        return headers;
    }

    private static void AddAll(List<KeyValuePair<string, string>> into, HttpHeaders headers)
    {
        foreach (var header in headers.NonValidated)
        {
            into.Add(new(header.Key.ToLowerInvariant(), string.Join(",", header.Value)));
        }
    }

    private static string? Find(List<KeyValuePair<string, string>> headers, string name)
    {
        var values = headers.Where(h => h.Key == name).Select(h => h.Value.Trim()).ToList();
        return values.Count == 0 ? null : string.Join(",", values);
    }

    private static IEnumerable<(string Name, string Value)> OssHeaders(List<KeyValuePair<string, string>> headers) =>
        headers.Where(h => h.Key.StartsWith("x-oss-", StringComparison.Ordinal))
            .GroupBy(h => h.Key)
            .Select(g => (Name: g.Key, Value: string.Join(",", g.Select(h => h.Value.Trim()))))
            .OrderBy(h => h.Name, StringComparer.Ordinal);

    private static List<(string Name, string Value)> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part =>
            {
                var equals = part.IndexOf('=');
                var name = equals < 0 ? part : part[..equals];
                var value = equals < 0 ? string.Empty : part[(equals + 1)..];
                return (Uri.UnescapeDataString(name.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' ')));
            })
            .ToList();

    private static Uri AppendQuery(Uri uri, string extra)
    {
        var builder = new UriBuilder(uri);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + extra : extra;
        return builder.Uri;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
