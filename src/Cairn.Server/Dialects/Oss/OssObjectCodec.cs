using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Server.Dialects.Oss.Post;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's whole-object operations (docs/oss-compatibility.md "Operations"): x-oss-* request and response headers,
/// upper-case ETags, <c>x-oss-hash-crc64ecma</c>, copies by <c>x-oss-copy-source</c>, <c>x-oss-forbid-overwrite</c>.
/// DeleteObjects' documents are <see cref="OssDeleteObjectsCodec"/>'s. OSS has no GetObjectAttributes.
/// </summary>
internal sealed class OssObjectCodec(StorageLimits limits, OssPostObjectCodec post) : IObjectCodec
{
    /// <summary>What OSS answers an object stored without a Content-Type with.</summary>
    private const string DefaultContentType = "application/octet-stream";

    public PutObjectCommand ReadPutObject(OperationRequest r)
    {
        var headers = r.Request.Headers;
        return new PutObjectCommand
        {
            Bucket = r.Bucket,
            Key = r.Key,

            // ali-oss putStream sends a chunked body without Content-Length: read to its end under the size limit.
            ContentLength = ObjectRequestHeaders.ReadPayloadLength(r.Request, r.Auth),
            Headers = OssWriteHeaders.ReadObjectHeaders(headers),
            UserMetadata = ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, limits),
            Integrity = OssCrc64.ReadIntegrity(headers),
            Owner = r.Owner,
            Condition = OssWriteConditions.ForWrite(headers),
            Tags = OssTaggingCodec.ReadHeaderTags(headers),
        };
    }

    public void WritePutObject(OperationRequest r, ObjectRecord stored) => WriteUploaded(r.Response, stored);

    public Task<PostObjectInput> ReadPostObjectAsync(OperationRequest r) => post.ReadAsync(r);

    public Task WritePostObjectAsync(OperationRequest r, PostObjectInput input, ObjectRecord stored) => OssPostObjectCodec.WriteAsync(r, input, stored);

    public ObjectReadInput ReadGetObject(OperationRequest r)
    {
        VersionIdQuery.Require(r.Request.Query);
        var headers = r.Request.Headers;

        // OSS reads whole objects or byte ranges, never one part of a multipart object.
        return new ObjectReadInput(ObjectConditions.FromHeaders(headers), null, headers.Range.ToString(), ChecksumsRequested: false);
    }

    public void WriteValidators(OperationRequest r, ObjectRecord record)
    {
        r.Response.Headers.ETag = OssETags.Quote(record.ETag);
        r.Response.Headers.LastModified = ObjectResponseHeaders.HttpDate(record.LastModified);
    }

    /// <summary>
    /// The object's headers on a GET, HEAD or HEAD ?objectMeta: its type and class, its CRC-64 (of the whole object,
    /// on a range too, as OSS sends it), its stored headers and metadata.
    /// </summary>
    public void WriteObjectHeaders(OperationRequest r, ObjectReadResult result)
    {
        var record = result.Record;
        WriteValidators(r, record);
        var headers = r.Response.Headers;
        headers[OssHeaders.ObjectType] = record.PartsCount is null ? "Normal" : "Multipart";
        headers[OssHeaders.StorageClass] = OssStorageClasses.Spell(record.Headers.StorageClass);
        OssCrc64.WriteHeader(r.Response, record.Checksums);
        OssTaggingCodec.WriteTagCount(r.Response, record.Tags);
        ObjectResponseHeaders.WriteRepresentation(r.Response, record, r.Dialect.MetadataPrefix, r.Request.Query, DefaultContentType);
    }

    public WriteCondition ReadDeleteObject(OperationRequest r)
    {
        VersionIdQuery.Require(r.Request.Query);
        return WriteConditions.ForDelete(r.Request.Headers);
    }

    public CopyObjectInput ReadCopyObject(OperationRequest r)
    {
        var headers = r.Request.Headers;
        var source = OssCopySource.ReadSource(headers);
        var directive = headers[OssHeaders.MetadataDirective].ToString();
        var replace = directive switch
        {
            "" or "COPY" => false,
            "REPLACE" => true,
            _ => throw new CairnException(ErrorCode.InvalidArgument, $"The {OssHeaders.MetadataDirective} header must be COPY or REPLACE.")
            {
                Details = new ErrorDetails { ArgumentName = OssHeaders.MetadataDirective, ArgumentValue = directive },
            },
        };
        return new CopyObjectInput(
            source,
            OssCopySource.ReadConditions(headers),
            replace,
            OssWriteHeaders.ReadObjectHeaders(headers),
            replace ? ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, limits) : null,
            OssWriteConditions.ForWrite(headers))
        {
            Tags = OssTaggingCodec.ReadCopyTags(headers),
        };
    }

    public Task WriteCopyObjectAsync(OperationRequest r, ObjectRecord copy)
    {
        OssCrc64.WriteHeader(r.Response, copy.Checksums);
        return OssXml.WriteAsync(r.Response, "CopyObjectResult", xml =>
        {
            xml.Element("LastModified", ObjectResponseHeaders.XmlDate(copy.LastModified));
            xml.Element("ETag", OssETags.Quote(copy.ETag));
        }, r.Aborted);
    }

    public ObjectAttributesInput ReadObjectAttributes(OperationRequest r) => throw NoObjectAttributes();

    public Task WriteObjectAttributesAsync(OperationRequest r, ObjectAttributesResult result) => throw NoObjectAttributes();

    public Task<DeleteObjectsInput> ReadDeleteObjectsAsync(OperationRequest r) => OssDeleteObjectsCodec.ReadAsync(r, limits);

    public Task WriteDeleteObjectsAsync(OperationRequest r, DeleteObjectsResult result) => OssDeleteObjectsCodec.WriteAsync(r, result);

    /// <summary>
    /// The headers of a stored upload (PutObject; UploadPart alike): the upper-case ETag, the Content-MD5 of a
    /// single-part body and the CRC-64 as <c>x-oss-hash-crc64ecma</c>.
    /// </summary>
    private static void WriteUploaded(HttpResponse response, ObjectRecord stored)
    {
        response.Headers.ETag = OssETags.Quote(stored.ETag);
        if (OssETags.ContentMd5(stored.ETag) is { } md5)
        {
            response.Headers.ContentMD5 = md5;
        }

        OssCrc64.WriteHeader(response, stored.Checksums);
    }

    private static CairnException NoObjectAttributes() =>
        new(ErrorCode.NotImplemented, "OSS has no GetObjectAttributes; HEAD the object (or HEAD ?objectMeta) instead.");
}
