using System.Buffers;
using System.Net;
using System.Text;

namespace Cairn.Bench.Http;

/// <summary>
/// S3 requests written by hand over a shared <see cref="HttpClient"/>, signed with <see cref="SigV4Signer"/> and
/// UNSIGNED-PAYLOAD: the path used wherever the SDK itself would be the bottleneck. Responses are drained into a
/// pooled buffer and never kept. Paths are path-style (<c>/bucket/key</c>); keys are encoded segment by segment.
/// </summary>
internal sealed class RawS3Client(HttpClient http, Uri endpoint, SigV4Signer signer)
{
    private const int DrainBufferSize = 256 * 1024;
    private readonly string _origin = endpoint.GetLeftPart(UriPartial.Authority);

    public Uri Endpoint => endpoint;

    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, "/" + bucket, [], null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return; // BucketAlreadyOwnedByYou: a re-run on the same server.
        }

        await EnsureAsync(response, "CreateBucket", cancellationToken);
    }

    /// <summary>PutObject; returns the ETag (quoted, as sent).</summary>
    public async Task<string> PutObjectAsync(string bucket, string key, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, ObjectPath(bucket, key), [], content, cancellationToken);
        await EnsureAsync(response, "PutObject", cancellationToken);
        return response.Headers.ETag?.Tag ?? throw new InvalidOperationException("PutObject answered without an ETag.");
    }

    /// <summary>GetObject; reads and discards the body, returns its length.</summary>
    public async Task<long> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, ObjectPath(bucket, key), [], null, cancellationToken);
        await EnsureAsync(response, "GetObject", cancellationToken);
        return await DrainAsync(response, cancellationToken);
    }

    public async Task HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, ObjectPath(bucket, key), [], null, cancellationToken);
        await EnsureAsync(response, "HeadObject", cancellationToken);
    }

    public async Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, ObjectPath(bucket, key), [], null, cancellationToken);
        await EnsureAsync(response, "DeleteObject", cancellationToken);
    }

    /// <summary>CreateMultipartUpload; returns the upload id.</summary>
    public async Task<string> CreateMultipartUploadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, ObjectPath(bucket, key), [("uploads", "")], null, cancellationToken);
        await EnsureAsync(response, "CreateMultipartUpload", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return ElementText(body, "UploadId") ?? throw new InvalidOperationException("CreateMultipartUpload answered without an UploadId.");
    }

    /// <summary>UploadPart; returns the part's ETag (quoted).</summary>
    public async Task<string> UploadPartAsync(
        string bucket, string key, string uploadId, int partNumber, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, ObjectPath(bucket, key),
            [("partNumber", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("uploadId", uploadId)], content, cancellationToken);
        await EnsureAsync(response, "UploadPart", cancellationToken);
        return response.Headers.ETag?.Tag ?? throw new InvalidOperationException("UploadPart answered without an ETag.");
    }

    /// <summary>
    /// CompleteMultipartUpload with a prepared body (see <see cref="CompleteBody"/>); fails unless the answer is a
    /// CompleteMultipartUploadResult (S3 may report an error inside a 200).
    /// </summary>
    public async Task CompleteMultipartUploadAsync(string bucket, string key, string uploadId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        using var response = await SendAsync(HttpMethod.Post, ObjectPath(bucket, key), [("uploadId", uploadId)], content, cancellationToken);
        await EnsureAsync(response, "CompleteMultipartUpload", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!text.Contains("<CompleteMultipartUploadResult", StringComparison.Ordinal))
        {
            throw new BenchHttpException("CompleteMultipartUpload: " + Truncate(text), response.StatusCode);
        }
    }

    public async Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, ObjectPath(bucket, key), [("uploadId", uploadId)], null, cancellationToken);
        await EnsureAsync(response, "AbortMultipartUpload", cancellationToken);
    }

    /// <summary>ListObjectsV2 (one page); returns the XML body.</summary>
    public async Task<byte[]> ListObjectsV2Async(
        string bucket, string? prefix, string? delimiter, string? startAfter, int maxKeys, CancellationToken cancellationToken)
    {
        var query = new List<(string, string)> { ("list-type", "2"), ("max-keys", maxKeys.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Add(("prefix", prefix));
        }

        if (!string.IsNullOrEmpty(delimiter))
        {
            query.Add(("delimiter", delimiter));
        }

        if (!string.IsNullOrEmpty(startAfter))
        {
            query.Add(("start-after", startAfter));
        }

        using var response = await SendAsync(HttpMethod.Get, "/" + bucket, query, null, cancellationToken);
        await EnsureAsync(response, "ListObjectsV2", cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>ListMultipartUploads (one page); returns the XML body.</summary>
    public async Task<byte[]> ListMultipartUploadsAsync(string bucket, string prefix, int maxUploads, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/" + bucket,
            [("uploads", ""), ("prefix", prefix), ("max-uploads", maxUploads.ToString(System.Globalization.CultureInfo.InvariantCulture))], null, cancellationToken);
        await EnsureAsync(response, "ListMultipartUploads", cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>PUT of a bucket sub-resource (<c>?policy</c>, <c>?acl</c>...) with an optional body and extra headers.</summary>
    public async Task PutBucketSubresourceAsync(
        string bucket, string subresource, string? body, IReadOnlyList<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? string.Empty));
        foreach (var (name, value) in headers)
        {
            content.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await SendAsync(HttpMethod.Put, "/" + bucket, [(subresource, "")], content, cancellationToken);
        await EnsureAsync(response, "Put ?" + subresource, cancellationToken);
    }

    /// <summary>The CompleteMultipartUpload document for parts 1..n with the given ETags.</summary>
    public static byte[] CompleteBody(IReadOnlyList<string> etags)
    {
        var xml = new StringBuilder(64 + etags.Count * 90);
        xml.Append("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (var i = 0; i < etags.Count; i++)
        {
            xml.Append("<Part><PartNumber>").Append(i + 1).Append("</PartNumber><ETag>")
                .Append(etags[i].Replace("\"", "&quot;", StringComparison.Ordinal)).Append("</ETag></Part>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</CompleteMultipartUpload>").ToString());
    }

    /// <summary>Sends one signed request; the response headers are read, the body is left to the caller.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, IReadOnlyList<(string Name, string Value)> query, HttpContent? content, CancellationToken cancellationToken)
    {
        var canonicalQuery = CanonicalQuery(query);
        using var request = new HttpRequestMessage(method, new Uri(_origin + path + (canonicalQuery.Length > 0 ? "?" + canonicalQuery : "")))
        {
            Content = content,
        };
        signer.Sign(request, path, canonicalQuery);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static async Task<long> DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new BenchHttpException($"{operation}: HTTP {(int)response.StatusCode} {Truncate(body)}", response.StatusCode);
    }

    /// <summary>/bucket/key with every key segment percent-encoded (RFC 3986 unreserved characters kept), as SigV4 wants it.</summary>
    public static string ObjectPath(string bucket, string key) =>
        "/" + bucket + "/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Names and values percent-encoded, sorted by name then value: both the URL query and the canonical query.</summary>
    private static string CanonicalQuery(IReadOnlyList<(string Name, string Value)> query)
    {
        if (query.Count == 0)
        {
            return string.Empty;
        }

        return string.Join('&', query
            .Select(p => (Name: Uri.EscapeDataString(p.Name), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    private static string? ElementText(string xml, string element)
    {
        var open = "<" + element + ">";
        var start = xml.IndexOf(open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += open.Length;
        var end = xml.IndexOf("</" + element + ">", start, StringComparison.Ordinal);
        return end < 0 ? null : xml[start..end];
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
