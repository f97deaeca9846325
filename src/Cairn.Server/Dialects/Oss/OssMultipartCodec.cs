using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's multipart operations (docs/oss-compatibility.md "Multipart uploads"): OSS's headers and un-namespaced
/// documents, upper-case ETags, each part's CRC-64 in <c>x-oss-hash-crc64ecma</c>, <c>encoding-type=url</c> and
/// <c>x-oss-complete-all</c>. The listings of uploads and parts are <see cref="OssMultipartListingCodec"/>'s.
/// </summary>
internal sealed class OssMultipartCodec(StorageLimits limits, MultipartService multipart) : IMultipartCodec
{
    public UploadRecord ReadCreateMultipartUpload(OperationRequest r)
    {
        var headers = r.Request.Headers;
        _ = KeyEncoding.FromQuery(r.Request.Query["encoding-type"]);
        return new UploadRecord
        {
            UploadId = string.Empty,
            Bucket = r.Bucket,
            Key = r.Key,
            InitiatedAt = default,
            Owner = r.Owner,
            Headers = OssWriteHeaders.ReadObjectHeaders(headers),
            UserMetadata = ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, limits),
            Tags = OssTaggingCodec.ReadHeaderTags(headers),
        };
    }

    public Task WriteCreateMultipartUploadAsync(OperationRequest r, UploadRecord upload)
    {
        var encoding = KeyEncoding.FromQuery(r.Request.Query["encoding-type"]);
        return OssXml.WriteAsync(r.Response, "InitiateMultipartUploadResult", xml =>
        {
            xml.EncodingType(encoding);
            xml.Element("Bucket", upload.Bucket);
            xml.Element("Key", encoding.Encode(upload.Key));
            xml.Element("UploadId", upload.UploadId);
        }, r.Aborted);
    }

    public UploadPartCommand ReadUploadPart(OperationRequest r)
    {
        var q = r.Request.Query;
        return new UploadPartCommand(
            r.Bucket, r.Key, q["uploadId"].ToString(), MultipartQuery.ParsePartNumber(q["partNumber"]),
            ObjectRequestHeaders.ReadPayloadLength(r.Request, r.Auth), OssCrc64.ReadIntegrity(r.Request.Headers));
    }

    /// <summary>ETag, the part's MD5 as Content-MD5 (what OSS-Go2 reads back) and its CRC-64.</summary>
    public void WriteUploadPart(OperationRequest r, PartRecord part)
    {
        r.Response.Headers.ETag = OssETags.Quote(part.ETag);
        if (OssETags.ContentMd5(part.ETag) is { } md5)
        {
            r.Response.Headers.ContentMD5 = md5;
        }

        OssCrc64.WriteHeader(r.Response, part.Checksums);
    }

    public UploadPartCopyInput ReadUploadPartCopy(OperationRequest r)
    {
        var q = r.Request.Query;
        var headers = r.Request.Headers;
        var partNumber = MultipartQuery.ParsePartNumber(q["partNumber"]);
        return new UploadPartCopyInput(q["uploadId"].ToString(), partNumber, OssCopySource.ReadSource(headers),
            OssCopySource.ReadConditions(headers), OssCopySource.ReadRange(headers));
    }

    public Task WriteUploadPartCopyAsync(OperationRequest r, PartRecord part)
    {
        OssCrc64.WriteHeader(r.Response, part.Checksums);
        return OssXml.WriteAsync(r.Response, "CopyPartResult", xml =>
        {
            xml.Element("LastModified", ObjectResponseHeaders.XmlDate(part.LastModified));
            xml.Element("ETag", OssETags.Quote(part.ETag));
        }, r.Aborted);
    }

    /// <summary>
    /// The upload and x-oss-forbid-overwrite. <c>x-oss-complete-all: yes</c> takes no part list: a body beside it is
    /// refused before anything else is looked at.
    /// </summary>
    public CompleteMultipartUploadInput ReadCompleteMultipartUpload(OperationRequest r)
    {
        _ = KeyEncoding.FromQuery(r.Request.Query["encoding-type"]);
        if (OssCompleteAll.IsRequested(r.Request) && OssCompleteAll.HasBody(r.Request))
        {
            throw OssCompleteAll.BodyNotAllowed();
        }

        return new(r.Request.Query["uploadId"].ToString(), OssWriteConditions.ForWrite(r.Request.Headers));
    }

    /// <summary>The CompleteMultipartUpload document, or with x-oss-complete-all every uploaded part in order.</summary>
    public Task<IReadOnlyList<CompletePart>> ReadCompletePartsAsync(OperationRequest r) =>
        OssCompleteAll.IsRequested(r.Request)
            ? OssCompleteAll.ListUploadedPartsAsync(multipart, r)
            : CompleteMultipartUploadRequest.ReadAsync(r.OpenBody(), limits.MaxXmlBodyBytes, r.Aborted);

    /// <summary>The completion document, with the object's ETag and whole-object CRC-64 (combined from the parts') as headers too.</summary>
    public Task WriteCompleteMultipartUploadAsync(OperationRequest r, ObjectRecord completed)
    {
        var encoding = KeyEncoding.FromQuery(r.Request.Query["encoding-type"]);
        r.Response.Headers.ETag = OssETags.Quote(completed.ETag);
        OssCrc64.WriteHeader(r.Response, completed.Checksums);
        return OssXml.WriteAsync(r.Response, "CompleteMultipartUploadResult", xml =>
        {
            xml.EncodingType(encoding);
            // Built from validated parts, percent-encoded: nothing here can fail after the object was committed.
            xml.Element("Location", $"{r.Request.Scheme}://{r.Request.Host}{KeyEncoding.Url.Encode(r.Target.Resource)}");
            xml.Element("Bucket", completed.Bucket);
            xml.Element("Key", encoding.Encode(completed.Key));
            xml.Element("ETag", OssETags.Quote(completed.ETag));
        }, r.Aborted);
    }

    public string ReadUploadId(OperationRequest r) => r.Request.Query["uploadId"].ToString();

    public ListUploadsInput ReadListMultipartUploads(OperationRequest r) => MultipartQuery.ReadListMultipartUploads(r.Request.Query);

    public Task WriteListMultipartUploadsAsync(OperationRequest r, ListUploadsInput input, UploadPage page, IReadOnlyDictionary<string, string> owners) =>
        OssMultipartListingCodec.WriteListMultipartUploadsAsync(r, input, page);

    public ListPartsInput ReadListParts(OperationRequest r) => OssMultipartListingCodec.ReadListParts(r);

    public Task WriteListPartsAsync(OperationRequest r, ListPartsInput input, PartPage page, IReadOnlyDictionary<string, string> owners) =>
        OssMultipartListingCodec.WriteListPartsAsync(r, input, page);
}
