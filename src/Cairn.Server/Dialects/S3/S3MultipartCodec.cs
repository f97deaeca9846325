using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// S3's multipart operations (docs/s3-compatibility.md "Multipart uploads"): the uploadId and partNumber parameters, the checksum declaration of
/// an upload, the part-copy headers, the part list document and the result documents. The listings of uploads and
/// parts are <see cref="S3MultipartListingCodec"/>'s.
/// </summary>
internal sealed class S3MultipartCodec(StorageLimits limits) : IMultipartCodec
{
    public UploadRecord ReadCreateMultipartUpload(OperationRequest r)
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

        return new UploadRecord
        {
            UploadId = string.Empty,
            Bucket = r.Bucket,
            Key = r.Key,
            InitiatedAt = default,
            Owner = r.Owner,
            Headers = StorageClasses.Validate(ObjectRequestHeaders.ReadObjectHeaders(headers)),
            UserMetadata = ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, limits),
            ChecksumAlgorithm = algorithm,
            ChecksumType = algorithm is { } a ? checksumType ?? MultipartChecksum.DefaultType(a) : null,
            Tags = S3TaggingCodec.ReadHeaderTags(headers),
        };
    }

    public Task WriteCreateMultipartUploadAsync(OperationRequest r, UploadRecord upload)
    {
        if (upload.ChecksumAlgorithm is { } declared)
        {
            r.Response.Headers[S3Headers.ChecksumAlgorithm] = declared.XmlName();
            r.Response.Headers[S3Headers.ChecksumType] = upload.ChecksumType?.WireName();
        }

        return S3Xml.WriteAsync(r.Response, "InitiateMultipartUploadResult", xml =>
        {
            xml.Element("Bucket", upload.Bucket);
            xml.Element("Key", upload.Key);
            xml.Element("UploadId", upload.UploadId);
        }, r.Aborted);
    }

    public UploadPartCommand ReadUploadPart(OperationRequest r)
    {
        var q = r.Request.Query;
        return new UploadPartCommand(
            r.Bucket, r.Key, q["uploadId"].ToString(), MultipartQuery.ParsePartNumber(q["partNumber"]),
            ObjectRequestHeaders.ReadPayloadLength(r.Request, r.Auth),
            ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth));
    }

    public void WriteUploadPart(OperationRequest r, PartRecord part)
    {
        r.Response.Headers.ETag = ObjectResponseHeaders.Quote(part.ETag);
        ObjectResponseHeaders.WriteChecksums(r.Response, part.Checksums);
    }

    public UploadPartCopyInput ReadUploadPartCopy(OperationRequest r)
    {
        var q = r.Request.Query;
        var headers = r.Request.Headers;
        var partNumber = MultipartQuery.ParsePartNumber(q["partNumber"]);
        return new UploadPartCopyInput(q["uploadId"].ToString(), partNumber, S3CopySource.ReadSource(headers),
            S3CopySource.ReadConditions(headers), SourceRange.Parse(headers[S3Headers.CopySourceRange], S3Headers.CopySourceRange));
    }

    public Task WriteUploadPartCopyAsync(OperationRequest r, PartRecord part) =>
        S3Xml.WriteAsync(r.Response, "CopyPartResult", xml =>
        {
            xml.Element("LastModified", ObjectResponseHeaders.XmlDate(part.LastModified));
            xml.Element("ETag", ObjectResponseHeaders.Quote(part.ETag));
            xml.Checksums(part.Checksums);
        }, r.Aborted);

    public CompleteMultipartUploadInput ReadCompleteMultipartUpload(OperationRequest r) =>
        new(r.Request.Query["uploadId"].ToString(), WriteConditions.ForWrite(r.Request.Headers));

    public Task<IReadOnlyList<CompletePart>> ReadCompletePartsAsync(OperationRequest r) =>
        CompleteMultipartUploadRequest.ReadAsync(r.OpenBody(), limits.MaxXmlBodyBytes, r.Aborted);

    public Task WriteCompleteMultipartUploadAsync(OperationRequest r, ObjectRecord completed)
    {
        ObjectResponseHeaders.WriteChecksums(r.Response, completed);
        return S3Xml.WriteAsync(r.Response, "CompleteMultipartUploadResult", xml =>
        {
            // Built from validated parts, percent-encoded: nothing here can fail after the object was committed.
            xml.Element("Location", $"{r.Request.Scheme}://{r.Request.Host}{KeyEncoding.Url.Encode(r.Target.Resource)}");
            xml.Element("Bucket", completed.Bucket);
            xml.Element("Key", completed.Key);
            xml.Element("ETag", ObjectResponseHeaders.Quote(completed.ETag));
            xml.Checksums(completed.Checksums);

            xml.Element("ChecksumType", completed.ChecksumType?.WireName());
        }, r.Aborted);
    }

    public string ReadUploadId(OperationRequest r) => r.Request.Query["uploadId"].ToString();

    public ListUploadsInput ReadListMultipartUploads(OperationRequest r) => S3MultipartListingCodec.ReadListMultipartUploads(r);

    public Task WriteListMultipartUploadsAsync(OperationRequest r, ListUploadsInput input, UploadPage page, IReadOnlyDictionary<string, string> owners) =>
        S3MultipartListingCodec.WriteListMultipartUploadsAsync(r, input, page, owners);

    public ListPartsInput ReadListParts(OperationRequest r) => S3MultipartListingCodec.ReadListParts(r);

    public Task WriteListPartsAsync(OperationRequest r, ListPartsInput input, PartPage page, IReadOnlyDictionary<string, string> owners) =>
        S3MultipartListingCodec.WriteListPartsAsync(r, input, page, owners);
}
