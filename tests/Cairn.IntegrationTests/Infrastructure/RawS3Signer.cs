using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// A small AWS Signature Version 4 signer for hand-made requests the SDK will not send (wrong secret,
/// skewed clock, bad payload hash, broken chunk signatures, virtual-hosted Host headers, presigned URLs
/// signed in the past). Written from the AWS SigV4 documentation (docs/s3-compatibility.md "Signature V4 in the Authorization header", "Presigned URLs", "Payload modes").
/// </summary>
public sealed class RawS3Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

    /// <param name="accessKey">The key id the requests name.</param>
    /// <param name="secretKey">The secret they are signed with.</param>
    /// <param name="region">The credential scope's region.</param>
    /// <param name="service">The credential scope's service: "s3", or "iam" for the admin API.</param>
    public RawS3Signer(string accessKey, string secretKey, string region = "us-east-1", string service = "s3")
    {
        AccessKey = accessKey;
        SecretKey = secretKey;
        Region = region;
        Service = service;
    }

    public string Service { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public string Region { get; }

    public static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public string Scope(DateTimeOffset time) =>
        $"{time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{Region}/{Service}/aws4_request";

    /// <summary>
    /// Signs <paramref name="request"/> in place with the Authorization header: adds <c>x-amz-date</c> and
    /// <c>x-amz-content-sha256</c> (= <paramref name="payloadHash"/>), signs host, content-type, content-md5
    /// and every <c>x-amz-*</c> header present. Returns the signature (the seed for aws-chunked bodies).
    /// </summary>
    public string Sign(HttpRequestMessage request, string payloadHash, DateTimeOffset? time = null)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("request has no URI");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in request.Headers)
        {
            if (!h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(new(h.Key, string.Join(",", h.Value)));
            }
        }

        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers)
            {
                headers.Add(new(h.Key, string.Join(",", h.Value)));
            }
        }

        var host = request.Headers.Host ?? uri.Authority;
        var added = CreateAuthorizationHeaders(request.Method.Method, uri, host, headers, payloadHash, time ?? DateTimeOffset.UtcNow, out var signature);
        foreach (var (name, value) in added)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return signature;
    }

    /// <summary>
    /// The headers (<c>x-amz-date</c>, <c>x-amz-content-sha256</c>, <c>Authorization</c>) that sign a request
    /// with the given method, URI, Host and other headers; for requests written by hand on a socket.
    /// </summary>
    public List<KeyValuePair<string, string>> CreateAuthorizationHeaders(
        string method,
        Uri uri,
        string host,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadHash,
        DateTimeOffset time,
        out string signature)
    {
        var amzDate = AmzDate(time);
        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["x-amz-date"] = amzDate,
            ["x-amz-content-sha256"] = payloadHash,
        };
        foreach (var (name, value) in headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower.StartsWith("x-amz-", StringComparison.Ordinal) || lower is "content-type" or "content-md5")
            {
                signed[lower] = value;
            }
        }

        var signedHeaders = string.Join(";", signed.Keys);
        var canonicalHeaders = string.Concat(signed.Select(kv => kv.Key + ":" + NormalizeHeaderValue(kv.Value) + "\n"));
        var canonicalRequest = string.Join(
            "\n",
            method,
            CanonicalUri(uri),
            CanonicalQuery(uri.Query),
            canonicalHeaders,
            signedHeaders,
            payloadHash);
        signature = SignString(time, StringToSign(time, canonicalRequest));
        return
        [
            new("x-amz-date", amzDate),
            new("x-amz-content-sha256", payloadHash),
            new("Authorization", $"{Algorithm} Credential={AccessKey}/{Scope(time)}, SignedHeaders={signedHeaders}, Signature={signature}"),
        ];
    }

    /// <summary>
    /// A presigned URL (query authentication, payload UNSIGNED-PAYLOAD, only host signed); with temporary credentials
    /// the session token travels in the signed query (X-Amz-Security-Token).
    /// </summary>
    public Uri Presign(string method, Uri uri, DateTimeOffset time, long expiresSeconds, string? sessionToken = null)
    {
        var extra = $"X-Amz-Algorithm={Algorithm}"
            + $"&X-Amz-Credential={UriEncode(AccessKey + "/" + Scope(time), encodeSlash: true)}"
            + $"&X-Amz-Date={AmzDate(time)}"
            + $"&X-Amz-Expires={expiresSeconds.ToString(CultureInfo.InvariantCulture)}"
            + (sessionToken is null ? string.Empty : "&X-Amz-Security-Token=" + UriEncode(sessionToken, encodeSlash: true))
            + "&X-Amz-SignedHeaders=host";
        var query = string.IsNullOrEmpty(uri.Query) ? "?" + extra : uri.Query + "&" + extra;
        var unsigned = new UriBuilder(uri) { Query = query[1..] }.Uri;
        var canonicalRequest = string.Join(
            "\n",
            method,
            CanonicalUri(unsigned),
            CanonicalQuery(unsigned.Query),
            "host:" + unsigned.Authority + "\n",
            "host",
            UnsignedPayload);
        var signature = SignString(time, StringToSign(time, canonicalRequest));
        return new UriBuilder(unsigned) { Query = unsigned.Query[1..] + "&X-Amz-Signature=" + signature }.Uri;
    }

    /// <summary>
    /// Frames <paramref name="data"/> as a signed aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD),
    /// chained from <paramref name="seedSignature"/>. <paramref name="corruptChunk"/> gets a wrong (but
    /// well-formed) signature; <paramref name="tamperChunk"/> gets one data byte flipped after signing.
    /// </summary>
    public byte[] EncodeChunked(
        ReadOnlySpan<byte> data,
        int chunkSize,
        string seedSignature,
        DateTimeOffset time,
        int? corruptChunk = null,
        int? tamperChunk = null)
    {
        using var body = new MemoryStream();
        var previous = seedSignature;
        var index = 0;
        var offset = 0;
        while (true)
        {
            var size = Math.Min(chunkSize, data.Length - offset);
            var chunk = data.Slice(offset, size).ToArray();
            var stringToSign = string.Join(
                "\n",
                "AWS4-HMAC-SHA256-PAYLOAD",
                AmzDate(time),
                Scope(time),
                previous,
                EmptySha256,
                Convert.ToHexStringLower(SHA256.HashData(chunk)));
            var signature = SignString(time, stringToSign);
            previous = signature;
            var sent = index == corruptChunk ? FlipHexDigit(signature) : signature;
            if (index == tamperChunk && chunk.Length > 0)
            {
                chunk[chunk.Length / 2] ^= 0x01;
            }

            var header = Encoding.ASCII.GetBytes($"{size:x};chunk-signature={sent}\r\n");
            body.Write(header);
            body.Write(chunk);
            body.Write("\r\n"u8);
            if (size == 0)
            {
                break;
            }

            offset += size;
            index++;
        }

        return body.ToArray();
    }

    /// <summary>
    /// Frames <paramref name="data"/> as an unsigned aws-chunked body with a trailer
    /// (STREAMING-UNSIGNED-PAYLOAD-TRAILER, the default of aws-cli 2.23+ and boto3 1.36+):
    /// <c>hex-size CRLF data CRLF ... 0 CRLF trailer-name:value CRLF CRLF</c>.
    /// </summary>
    public static byte[] EncodeUnsignedWithTrailer(ReadOnlySpan<byte> data, int chunkSize, string trailerName, string trailerValue)
    {
        using var body = new MemoryStream();
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            var size = Math.Min(chunkSize, data.Length - offset);
            body.Write(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            body.Write(data.Slice(offset, size));
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.ASCII.GetBytes($"0\r\n{trailerName}:{trailerValue}\r\n\r\n"));
        return body.ToArray();
    }

    /// <summary>SigV4 URI encoding: RFC 3986 unreserved characters stay, everything else is %XX of UTF-8.</summary>
    public static string UriEncode(string value, bool encodeSlash)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~'
                || (c == '/' && !encodeSlash))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string CanonicalUri(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (path.Length == 0)
        {
            return "/";
        }

        return string.Join("/", path.Split('/').Select(segment => UriEncode(Uri.UnescapeDataString(segment), encodeSlash: true)));
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }

        var pairs = query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part =>
            {
                var eq = part.IndexOf('=');
                var name = eq < 0 ? part : part[..eq];
                var value = eq < 0 ? "" : part[(eq + 1)..];
                return (Name: UriEncode(Uri.UnescapeDataString(name), true), Value: UriEncode(Uri.UnescapeDataString(value), true));
            })
            .Where(p => p.Name != "X-Amz-Signature")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join("&", pairs.Select(p => p.Name + "=" + p.Value));
    }

    private static string NormalizeHeaderValue(string value) =>
        string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private string StringToSign(DateTimeOffset time, string canonicalRequest) =>
        string.Join(
            "\n",
            Algorithm,
            AmzDate(time),
            Scope(time),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

    private string SignString(DateTimeOffset time, string stringToSign)
    {
        var date = time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + SecretKey), date);
        key = Hmac(key, Region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string FlipHexDigit(string signature)
    {
        var chars = signature.ToCharArray();
        chars[10] = chars[10] == '0' ? '1' : '0';
        return new string(chars);
    }
}
