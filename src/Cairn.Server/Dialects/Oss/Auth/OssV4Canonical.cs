using System.Security.Cryptography;
using System.Text;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Http;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// OSS signature V4's canonical request, string to sign and signing key (docs/oss-compatibility.md "Signatures"). It
/// differs from AWS SigV4 in what it signs: the URI always names the bucket, the headers are every x-oss-* one plus
/// Content-Type, Content-MD5 and the listed additional headers, a valueless query parameter is its bare name, and the
/// key chain starts from <c>"aliyun_v4" + secret</c>.
/// </summary>
internal static class OssV4Canonical
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string SignatureParameter = "x-oss-signature";

    /// <summary><c>METHOD\nURI\nQUERY\nHEADERS\n\nADDITIONAL\nPAYLOAD</c>; x-oss-signature is left out of the query.</summary>
    public static string BuildRequest(string method, ResourcePath target, RequestTarget raw, IHeaderDictionary headers,
        IReadOnlyList<string> additionalHeaders, string payloadHash)
    {
        var builder = new StringBuilder(512);
        builder.Append(method).Append('\n');
        builder.Append(OssCanonicalResource.ForV4(target)).Append('\n');
        AppendQuery(builder, raw.Query);
        builder.Append('\n');
        AppendHeaders(builder, headers, additionalHeaders);
        builder.Append('\n');
        builder.AppendJoin(';', additionalHeaders.Order(StringComparer.Ordinal));
        builder.Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary><c>OSS4-HMAC-SHA256\n&lt;x-oss-date&gt;\n&lt;scope&gt;\n&lt;hex sha256(canonical request)&gt;</c>.</summary>
    public static string BuildStringToSign(string requestTime, OssV4Credential credential, string canonicalRequest) =>
        OssAuthSchemes.V4 + "\n" + requestTime + "\n" + credential.Scope + "\n"
        + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    /// <summary>The HMAC-SHA256 of <paramref name="stringToSign"/> (a request's string to sign, or a form's policy) under the key derived for the credential's scope.</summary>
    public static byte[] Sign(string secret, OssV4Credential credential, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("aliyun_v4" + secret), Encoding.UTF8.GetBytes(credential.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(credential.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(OssV4Credential.Product));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(OssV4Credential.Terminator));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign));
    }

    /// <summary>Every parameter but the signature, re-encoded, sorted by name then value; <c>name</c> alone when valueless.</summary>
    private static void AppendQuery(StringBuilder builder, IReadOnlyList<QueryParameter> query) =>
        SigV4Canonical.AppendSortedQuery(builder, query, SignatureParameter, valuelessAsNameOnly: true);

    /// <summary>
    /// <c>name:value\n</c> for every x-oss-* header, Content-Type and Content-MD5 when present, and each additional
    /// header; names lower-cased and sorted, values trimmed, repeated values joined with ','.
    /// </summary>
    private static void AppendHeaders(StringBuilder builder, IHeaderDictionary headers, IReadOnlyList<string> additionalHeaders)
    {
        var names = new SortedSet<string>(additionalHeaders, StringComparer.Ordinal);
        foreach (var (name, _) in headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower.StartsWith(OssHeaders.Prefix, StringComparison.Ordinal) || lower is "content-type" or "content-md5")
            {
                names.Add(lower);
            }
        }

        foreach (var name in names)
        {
            var verbatim = VerbatimHeaders.IsVerbatim(name);
            builder.Append(name).Append(':').AppendJoin(',', headers[name].Select(v =>
            {
                var trimmed = (v ?? string.Empty).Trim();
                return verbatim ? VerbatimHeaders.SignedText(trimmed) : trimmed;
            })).Append('\n');
        }
    }
}
