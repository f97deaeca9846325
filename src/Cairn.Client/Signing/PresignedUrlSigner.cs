namespace Cairn.Client.Signing;

/// <summary>
/// Presigns S3 requests with SigV4 query authentication (path-style URLs, only the Host header signed, the payload
/// unsigned), for any method and sub-resource. AWSSDK.S3's GetPreSignedURL has no POST verb (so no
/// CreateMultipartUpload or CompleteMultipartUpload URL) and puts the upload id in the query unescaped, so every
/// presigned multipart URL is made here, one way. With a session token the URL carries X-Amz-Security-Token and
/// stops working when the temporary credential does.
/// </summary>
public sealed class PresignedUrlSigner(CairnConnection connection)
{
    private const string Service = "s3";
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>The longest a presigned URL or a POST policy may be valid: 7 days, SigV4's limit.</summary>
    public static TimeSpan MaxValidity => SigV4.MaxPresignedValidity;

    /// <summary>
    /// A URL for <paramref name="method"/> on <paramref name="bucket"/>/<paramref name="key"/> (the bucket itself when
    /// the key is empty) with <paramref name="parameters"/> (sub-resources such as <c>uploadId</c>; an empty value
    /// is written as <c>name=</c>), valid for <paramref name="validity"/> from <paramref name="now"/>.
    /// </summary>
    public Uri Presign(HttpMethod method, string bucket, string key, IEnumerable<KeyValuePair<string, string>> parameters,
        TimeSpan validity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(parameters);
        if (validity <= TimeSpan.Zero || validity > SigV4.MaxPresignedValidity)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), validity, "A presigned URL is valid for more than 0 seconds and at most 7 days.");
        }

        var path = "/" + SigV4.UriEncode(bucket) + (key.Length > 0 ? "/" + SigV4.UriEncode(key, keepSlash: true) : string.Empty);
        var url = new Uri(connection.Endpoint, path);
        var amzDate = SigV4.AmzDate(now);
        var scope = SigV4.Scope(amzDate, connection.Region, Service);
        var query = parameters.Select(p => (Name: SigV4.UriEncode(p.Key), Value: SigV4.UriEncode(p.Value))).ToList();
        query.Add(("X-Amz-Algorithm", SigV4.Algorithm));
        query.Add(("X-Amz-Credential", SigV4.UriEncode($"{connection.AccessKey}/{scope}")));
        query.Add(("X-Amz-Date", amzDate));
        query.Add(("X-Amz-Expires", ((long)validity.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        query.Add(("X-Amz-SignedHeaders", "host"));
        if (connection.SessionToken is { Length: > 0 } token)
        {
            query.Add(("X-Amz-Security-Token", SigV4.UriEncode(token)));
        }

        query.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        var canonicalQuery = string.Join('&', query.Select(p => p.Name + "=" + p.Value));
        var canonicalRequest = string.Join('\n', method.Method, path, canonicalQuery, $"host:{url.Authority}\n", "host", UnsignedPayload);
        var signature = SigV4.Signature(SigV4.SigningKey(connection.SecretKey, amzDate, connection.Region, Service),
            SigV4.StringToSign(amzDate, scope, canonicalRequest));
        return new UriBuilder(url) { Query = canonicalQuery + "&X-Amz-Signature=" + signature }.Uri;
    }
}
