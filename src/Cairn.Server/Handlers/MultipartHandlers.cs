using System.Globalization;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Objects;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Hosting;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Handlers;

/// <summary>
/// CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload
/// (SPEC.md §1.1–1.5). Listing of uploads and parts is in <see cref="MultipartListingHandlers"/>.
/// </summary>
internal sealed class MultipartHandlers(MultipartService multipart, ObjectService objects, IOptions<CairnOptions> options)
{
    public async Task CreateMultipartUploadAsync(S3Request r)
    {
        var headers = r.Request.Headers;
        ChecksumAlgorithm? algorithm = null;
        var algorithmText = headers[S3Headers.ChecksumAlgorithm].ToString();
        if (algorithmText.Length > 0)
        {
            algorithm = S3ChecksumNames.TryParse(algorithmText, out var parsed)
                ? parsed
                : throw new CairnException(ErrorCode.InvalidRequest, "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }

        var typeText = headers[S3Headers.ChecksumType].ToString().ToUpperInvariant();
        ChecksumType? checksumType = null;
        if (typeText.Length > 0)
        {
            if (algorithm is null || !S3ChecksumNames.TryParseType(typeText, out var type) || !MultipartChecksum.IsValidType(algorithm.Value, type))
            {
                throw new CairnException(ErrorCode.InvalidRequest, $"The {typeText} checksum type cannot be used with the {algorithm?.XmlName() ?? "missing"} checksum algorithm.");
            }

            checksumType = type;
        }

        var upload = await multipart.InitiateAsync(new UploadRecord
        {
            UploadId = string.Empty,
            Bucket = r.Bucket,
            Key = r.Key,
            InitiatedAt = default,
            Owner = r.Owner,
            Headers = StorageClasses.Validate(ObjectRequestHeaders.ReadObjectHeaders(headers)),
            UserMetadata = ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, options.Value.Limits),
            ChecksumAlgorithm = algorithm,
            ChecksumType = algorithm is { } a ? checksumType ?? MultipartChecksum.DefaultType(a) : null,
        }, r.Aborted);

        if (upload.ChecksumAlgorithm is { } declared)
        {
            r.Response.Headers[S3Headers.ChecksumAlgorithm] = declared.XmlName();
            r.Response.Headers[S3Headers.ChecksumType] = upload.ChecksumType?.WireName();
        }

        await XmlResponse.WriteAsync(r.Response, "InitiateMultipartUploadResult", xml =>
        {
            xml.Element("Bucket", upload.Bucket);
            xml.Element("Key", upload.Key);
            xml.Element("UploadId", upload.UploadId);
        }, r.Aborted);
    }

    public async Task UploadPartAsync(S3Request r)
    {
        var q = r.Request.Query;
        var command = new UploadPartCommand(
            r.Bucket, r.Key, q["uploadId"].ToString(), ParsePartNumber(q["partNumber"]),
            ObjectRequestHeaders.ReadPayloadLength(r.Request, r.Auth),
            ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth));
        var part = await multipart.UploadPartAsync(command, r.OpenBody(), r.Aborted);
        r.Response.Headers.ETag = ObjectResponseHeaders.Quote(part.ETag);
        ObjectResponseHeaders.WriteChecksums(r.Response, part.Checksums);
    }

    public async Task UploadPartCopyAsync(S3Request r)
    {
        var q = r.Request.Query;
        var headers = r.Request.Headers;
        var partNumber = ParsePartNumber(q["partNumber"]);
        var source = CopySource.Parse(headers[S3Headers.CopySource]);
        var record = await objects.GetInfoAsync(source.Bucket, source.Key, r.Aborted) ?? throw Failures.NoSuchKey(source.Key);
        Preconditions.CheckCopySource(headers, record);
        var range = ParseCopyRange(headers[S3Headers.CopySourceRange], record.Size);
        var part = await multipart.UploadPartCopyAsync(r.Bucket, r.Key, q["uploadId"].ToString(), partNumber, record, range, r.Aborted);
        await XmlResponse.WriteAsync(r.Response, "CopyPartResult", xml =>
        {
            xml.Element("LastModified", ObjectResponseHeaders.XmlDate(part.LastModified));
            xml.Element("ETag", ObjectResponseHeaders.Quote(part.ETag));
            xml.Checksums(part.Checksums);
        }, r.Aborted);
    }

    public async Task CompleteMultipartUploadAsync(S3Request r)
    {
        var uploadId = r.Request.Query["uploadId"].ToString();
        var record = await multipart.CompleteAsync(r.Bucket, r.Key, uploadId, async cancellationToken => new CompleteRequest(
            await CompleteMultipartUploadRequest.ReadAsync(r.OpenBody(), options.Value.Limits.MaxXmlBodyBytes, cancellationToken),
            WriteConditions.ForWrite(r.Request.Headers)), r.Aborted);
        ObjectResponseHeaders.WriteChecksums(r.Response, record);
        await XmlResponse.WriteAsync(r.Response, "CompleteMultipartUploadResult", xml =>
        {
            // Built from validated parts, percent-encoded: nothing here can fail after the object was committed.
            xml.Element("Location", $"{r.Request.Scheme}://{r.Request.Host}{KeyEncoding.Url.Encode(r.Target.Resource)}");
            xml.Element("Bucket", record.Bucket);
            xml.Element("Key", record.Key);
            xml.Element("ETag", ObjectResponseHeaders.Quote(record.ETag));
            xml.Checksums(record.Checksums);

            xml.Element("ChecksumType", record.ChecksumType?.WireName());
        }, r.Aborted);
    }

    public async Task AbortMultipartUploadAsync(S3Request r)
    {
        await multipart.AbortAsync(r.Bucket, r.Key, r.Request.Query["uploadId"].ToString(), r.Aborted);
        r.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static int ParsePartNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new CairnException(ErrorCode.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = "partNumber", ["ArgumentValue"] = text ?? string.Empty },
            };

    /// <summary><c>x-amz-copy-source-range: bytes=first-last</c>, both inclusive and inside the source.</summary>
    private static (long Start, long Length)? ParseCopyRange(string? header, long size)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var spec = header.StartsWith("bytes=", StringComparison.Ordinal) ? header[6..] : null;
        var dash = spec?.IndexOf('-') ?? -1;
        if (spec is null || dash <= 0
            || !long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = "x-amz-copy-source-range", ["ArgumentValue"] = header },
            };
        }

        if (last >= size)
        {
            throw new CairnException(ErrorCode.InvalidRange, $"Range specified is not valid for source object of size: {size}")
            {
                Extra = new Dictionary<string, string> { ["ActualObjectSize"] = size.ToString(CultureInfo.InvariantCulture) },
            };
        }

        return (first, last - first + 1);
    }
}
