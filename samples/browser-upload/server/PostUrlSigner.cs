using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.Samples.BrowserUpload;

/// <summary>
/// Presigns a POST with S3's query-string authentication (SigV4, payload unsigned, only <c>host</c> signed).
/// AWSSDK.S3 presigns GET, PUT, DELETE and HEAD but not POST, and CompleteMultipartUpload is a POST; everything else
/// the page needs is presigned by the SDK (<see cref="UploadUrls"/>).
/// </summary>
public sealed class PostUrlSigner(UploadOptions options)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>A POST URL for <paramref name="key"/> in <paramref name="bucket"/> (path style) with the given query.</summary>
    public string Presign(string bucket, string key, IReadOnlyDictionary<string, string> query)
    {
        var now = DateTime.UtcNow;
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{options.Region}/s3/aws4_request";
        var path = options.ServiceUrl.AbsolutePath.TrimEnd('/') + "/" + Escape(bucket) + "/" + string.Join('/', key.Split('/').Select(Escape));

        // Every query parameter is signed, in the order of their (already escaped) names.
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Amz-Algorithm"] = Algorithm,
            ["X-Amz-Credential"] = $"{options.AccessKey}/{scope}",
            ["X-Amz-Date"] = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            ["X-Amz-Expires"] = ((long)options.UrlLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["X-Amz-SignedHeaders"] = "host",
        };
        foreach (var (name, value) in query)
        {
            parameters[Escape(name)] = value;
        }

        var canonicalQuery = string.Join('&', parameters.Select(p => p.Key + "=" + Escape(p.Value)));
        var canonicalRequest = $"POST\n{path}\n{canonicalQuery}\nhost:{options.ServiceUrl.Authority}\n\nhost\nUNSIGNED-PAYLOAD";
        var stringToSign = $"{Algorithm}\n{parameters["X-Amz-Date"]}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var signingKey = Encoding.UTF8.GetBytes("AWS4" + options.SecretKey);
        foreach (var step in new[] { date, options.Region, "s3", "aws4_request" })
        {
            signingKey = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(step));
        }

        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
        return $"{options.ServiceUrl.GetLeftPart(UriPartial.Authority)}{path}?{canonicalQuery}&X-Amz-Signature={signature}";
    }

    /// <summary>S3's URI encoding: everything but the unreserved characters of RFC 3986, which is what this does.</summary>
    private static string Escape(string text) => Uri.EscapeDataString(text);
}
