using System.Globalization;
using Cairn.Core.Checksums;
using Cairn.Core.Model;
using Cairn.Server.Http;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Dialects.S3;

/// <summary>Writes an object's stored headers on GET/HEAD responses, with response-* query overrides (the representation part shared by every dialect).</summary>
internal static class ObjectResponseHeaders
{
    private static readonly (string Query, string Header)[] Overrides =
    [
        ("response-content-type", HeaderNames.ContentType),
        ("response-content-language", HeaderNames.ContentLanguage),
        ("response-expires", HeaderNames.Expires),
        ("response-cache-control", HeaderNames.CacheControl),
        ("response-content-disposition", HeaderNames.ContentDisposition),
        ("response-content-encoding", HeaderNames.ContentEncoding),
    ];

    public static void WriteValidators(HttpResponse response, ObjectRecord record)
    {
        response.Headers.ETag = Quote(record.ETag);
        response.Headers.LastModified = HttpDate(record.LastModified);
    }

    public static void Write(HttpResponse response, ObjectRecord record, IDialect dialect, IQueryCollection query, bool withChecksums)
    {
        WriteValidators(response, record);
        if (record.Headers.StorageClass is { } storageClass && storageClass != "STANDARD")
        {
            response.Headers[S3Headers.StorageClass] = storageClass;
        }

        if (withChecksums)
        {
            WriteChecksums(response, record);
        }

        WriteRepresentation(response, record, dialect.MetadataPrefix, query, "binary/octet-stream");
    }

    /// <summary>
    /// What every dialect answers a GET or HEAD with alike: Accept-Ranges, the stored representation headers (its
    /// Content-Type, or <paramref name="defaultContentType"/> when none was stored), the user metadata under the
    /// dialect's prefix, then the response-* query overrides.
    /// </summary>
    public static void WriteRepresentation(HttpResponse response, ObjectRecord record, string metadataPrefix, IQueryCollection query, string defaultContentType)
    {
        var headers = response.Headers;
        headers.AcceptRanges = "bytes";
        headers.ContentType = VerbatimHeaders.ForResponse(record.Headers.ContentType ?? defaultContentType);
        SetIfPresent(headers, HeaderNames.ContentEncoding, record.Headers.ContentEncoding);
        SetIfPresent(headers, HeaderNames.ContentDisposition, record.Headers.ContentDisposition);
        SetIfPresent(headers, HeaderNames.ContentLanguage, record.Headers.ContentLanguage);
        SetIfPresent(headers, HeaderNames.CacheControl, record.Headers.CacheControl);
        SetIfPresent(headers, HeaderNames.Expires, record.Headers.Expires);
        foreach (var (name, value) in record.UserMetadata)
        {
            headers[metadataPrefix + name] = VerbatimHeaders.ForResponse(value);
        }

        foreach (var (parameter, header) in Overrides)
        {
            if (query.TryGetValue(parameter, out var value) && value.Count > 0)
            {
                headers[header] = VerbatimHeaders.FromText(VerbatimHeaders.RequireWritable(value.ToString(), parameter));
            }
        }
    }

    /// <summary>The object's stored checksums and their type (FULL_OBJECT unless the multipart upload made them COMPOSITE).</summary>
    public static void WriteChecksums(HttpResponse response, ObjectRecord record)
    {
        WriteChecksums(response, record.Checksums);
        if (record.Checksums.HasAmz())
        {
            response.Headers[S3Headers.ChecksumType] = (record.ChecksumType ?? ChecksumType.FullObject).WireName();
        }
    }

    /// <summary>One x-amz-checksum-* header per checksum (a part's checksums carry no type).</summary>
    public static void WriteChecksums(HttpResponse response, IReadOnlyDictionary<ChecksumAlgorithm, string> checksums)
    {
        foreach (var (algorithm, value) in checksums.Amz())
        {
            response.Headers[S3Headers.ChecksumPrefix + algorithm.WireName()] = value;
        }
    }

    public static string Quote(string etag) => "\"" + etag + "\"";

    public static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    public static string XmlDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void SetIfPresent(IHeaderDictionary headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers[name] = VerbatimHeaders.ForResponse(value);
        }
    }
}
