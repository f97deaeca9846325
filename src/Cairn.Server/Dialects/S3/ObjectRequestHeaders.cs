using System.Text;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Http;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Dialects.S3;

/// <summary>Parses the object-describing request headers into domain values, once per request.</summary>
internal static class ObjectRequestHeaders
{
    /// <summary>The representation headers stored with an object, kept as the bytes sent (<see cref="VerbatimHeaders"/>).</summary>
    public static ObjectHeaders ReadObjectHeaders(IHeaderDictionary headers) => new()
    {
        ContentType = Stored(headers, HeaderNames.ContentType),
        ContentEncoding = StripAwsChunked(Stored(headers, HeaderNames.ContentEncoding)),
        ContentDisposition = Stored(headers, HeaderNames.ContentDisposition),
        ContentLanguage = Stored(headers, HeaderNames.ContentLanguage),
        CacheControl = Stored(headers, HeaderNames.CacheControl),
        Expires = Stored(headers, HeaderNames.Expires),
        StorageClass = NullIfEmpty(headers[S3Headers.StorageClass]),
    };

    /// <summary>
    /// User metadata: names lower-cased without the prefix, values kept as the bytes sent, size-capped like S3
    /// (2 KiB of names and values as sent).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadUserMetadata(IHeaderDictionary headers, IDialect dialect, StorageLimits limits)
    {
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (name, values) in headers)
        {
            if (!name.StartsWith(dialect.MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = name[dialect.MetadataPrefix.Length..].ToLowerInvariant();
            var value = VerbatimHeaders.RequireWritable(string.Join(",", values.ToArray()), name);

            // Names are ASCII tokens and values byte strings: their lengths are their sizes on the wire.
            total += key.Length + value.Length;
            metadata[key] = value;
        }

        if (total > limits.MaxUserMetadataBytes)
        {
            throw new CairnException(ErrorCode.InvalidArgument, $"Your metadata headers exceed the maximum allowed metadata size of {limits.MaxUserMetadataBytes} bytes.");
        }

        return metadata;
    }

    /// <summary>
    /// Content-MD5 and the x-amz-checksum-* claim, from a header or the aws-chunked trailer (docs/s3-compatibility.md "Checksums", "Payload modes").
    /// Conflicting or dangling declarations are rejected as AWS does.
    /// </summary>
    public static IntegrityExpectation ReadIntegrity(IHeaderDictionary headers, AuthResult auth)
    {
        var md5 = ReadContentMd5(headers);
        ChecksumAlgorithm? headerAlgorithm = null;
        string? headerValue = null;
        foreach (var algorithm in ChecksumAlgorithms.Amz)
        {
            var value = headers[S3Headers.ChecksumPrefix + algorithm.WireName()].ToString();
            if (value.Length == 0)
            {
                continue;
            }

            if (headerAlgorithm is not null)
            {
                throw new CairnException(ErrorCode.InvalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }

            if (!algorithm.TryDecode(value, out _))
            {
                throw new CairnException(ErrorCode.InvalidRequest, $"Value for x-amz-checksum-{algorithm.WireName()} header is invalid.");
            }

            (headerAlgorithm, headerValue) = (algorithm, value);
        }

        ChecksumAlgorithm? trailerAlgorithm = null;
        var trailer = auth.DeclaredTrailer;
        if (!string.IsNullOrEmpty(trailer))
        {
            if (headerAlgorithm is not null)
            {
                throw new CairnException(ErrorCode.InvalidRequest, "Expecting a single x-amz-checksum- header");
            }

            if (!trailer.StartsWith(S3Headers.ChecksumPrefix, StringComparison.OrdinalIgnoreCase)
                || !S3ChecksumNames.TryParse(trailer[S3Headers.ChecksumPrefix.Length..], out var parsed))
            {
                throw new CairnException(ErrorCode.InvalidRequest, $"The value specified in the x-amz-trailer header is not supported: {trailer}");
            }

            trailerAlgorithm = parsed;
        }

        var sdkAlgorithmText = headers[S3Headers.SdkChecksumAlgorithm].ToString();
        if (sdkAlgorithmText.Length > 0)
        {
            if (!S3ChecksumNames.TryParse(sdkAlgorithmText, out var sdkAlgorithm))
            {
                throw new CairnException(ErrorCode.InvalidRequest, "Value for x-amz-sdk-checksum-algorithm header is invalid.");
            }

            var declared = headerAlgorithm ?? trailerAlgorithm;
            if (declared is null)
            {
                throw new CairnException(ErrorCode.InvalidRequest, "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
            }

            if (declared != sdkAlgorithm)
            {
                throw new CairnException(ErrorCode.InvalidRequest, "Value for x-amz-sdk-checksum-algorithm header is invalid.");
            }
        }

        if (headerAlgorithm is not null)
        {
            return new IntegrityExpectation(md5, headerAlgorithm, () => headerValue, claimHeader: S3Headers.ChecksumPrefix + headerAlgorithm.Value.WireName());
        }

        if (trailerAlgorithm is { } fromTrailer)
        {
            var name = trailer!.ToLowerInvariant();
            return new IntegrityExpectation(md5, fromTrailer, () =>
                auth.Trailers.TryGetValue(name, out var value)
                    ? value
                    : throw new CairnException(ErrorCode.IncompleteBody, "The request ended without the trailer it announced in x-amz-trailer."),
                checksumInTrailer: true, claimHeader: S3Headers.ChecksumPrefix + fromTrailer.WireName());
        }

        return new IntegrityExpectation(md5, null, null);
    }

    /// <summary>Content-MD5 when sent; an empty or malformed value is InvalidDigest, as S3 answers it.</summary>
    public static byte[]? ReadContentMd5(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(HeaderNames.ContentMD5, out var values))
        {
            return null;
        }

        var text = values.ToString().Trim();

        var buffer = new byte[24];
        return Convert.TryFromBase64String(text, buffer, out var written) && written == 16
            ? buffer[..16]
            : throw new CairnException(ErrorCode.InvalidDigest, "The Content-MD5 you specified is not valid.");
    }

    /// <summary>
    /// The payload size: aws-chunked decoded length, else Content-Length; null for a <c>Transfer-Encoding: chunked</c>
    /// body without either (curl <c>-T -</c>, SDK streaming modes), which is read to its end under the size limit.
    /// </summary>
    public static long? ReadPayloadLength(HttpRequest request, AuthResult auth) =>
        auth.DecodedContentLength ?? request.ContentLength
        ?? (request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? null
            : throw new CairnException(ErrorCode.MissingContentLength, "You must provide the Content-Length HTTP header."));

    /// <summary>
    /// aws-chunked is framing, not content: its token is dropped from Content-Encoding and everything else is kept
    /// exactly as sent, separators included (docs/s3-compatibility.md).
    /// </summary>
    public static string? StripAwsChunked(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains("aws-chunked", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var kept = value.Split(',').Where(p => !p.Trim().Equals("aws-chunked", StringComparison.OrdinalIgnoreCase));
        return NullIfEmpty(string.Join(",", kept).Trim());
    }

    private static string? Stored(IHeaderDictionary headers, string name) =>
        NullIfEmpty(VerbatimHeaders.RequireWritable(headers[name].ToString(), name));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
