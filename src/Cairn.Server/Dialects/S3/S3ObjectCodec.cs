using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Server.Dialects.S3.Post;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// S3's whole-object operations: the object-describing request headers, the x-amz-* response headers of reads and
/// writes, and the CopyObject document. GetObjectAttributes and DeleteObjects, which have documents of their own,
/// are <see cref="S3ObjectAttributesCodec"/>'s and <see cref="S3DeleteObjectsCodec"/>'s.
/// </summary>
internal sealed class S3ObjectCodec(StorageLimits limits, S3PostObjectCodec post) : IObjectCodec
{
    public PutObjectCommand ReadPutObject(OperationRequest r)
    {
        var headers = r.Request.Headers;
        return new PutObjectCommand
        {
            Bucket = r.Bucket,
            Key = r.Key,
            ContentLength = ObjectRequestHeaders.ReadPayloadLength(r.Request, r.Auth),
            Headers = StorageClasses.Validate(ObjectRequestHeaders.ReadObjectHeaders(headers)),
            UserMetadata = ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, limits),
            Integrity = ObjectRequestHeaders.ReadIntegrity(headers, r.Auth),
            Owner = r.Owner,
            Condition = WriteConditions.ForWrite(headers),
            Tags = S3TaggingCodec.ReadHeaderTags(headers),
        };
    }

    public void WritePutObject(OperationRequest r, ObjectRecord stored)
    {
        r.Response.Headers.ETag = ObjectResponseHeaders.Quote(stored.ETag);
        ObjectResponseHeaders.WriteChecksums(r.Response, stored);
    }

    public Task<PostObjectInput> ReadPostObjectAsync(OperationRequest r) => post.ReadAsync(r);

    public Task WritePostObjectAsync(OperationRequest r, PostObjectInput input, ObjectRecord stored) => S3PostObjectCodec.WriteAsync(r, input, stored);

    public ObjectReadInput ReadGetObject(OperationRequest r)
    {
        VersionIdQuery.Require(r.Request.Query);
        var headers = r.Request.Headers;
        return new ObjectReadInput(
            ObjectConditions.FromHeaders(headers), r.Request.Query["partNumber"], headers.Range.ToString(),
            string.Equals(headers[S3Headers.ChecksumMode], "ENABLED", StringComparison.OrdinalIgnoreCase));
    }

    public void WriteValidators(OperationRequest r, ObjectRecord record) => ObjectResponseHeaders.WriteValidators(r.Response, record);

    public void WriteObjectHeaders(OperationRequest r, ObjectReadResult result)
    {
        ObjectResponseHeaders.Write(r.Response, result.Record, r.Dialect, r.Request.Query, result.WithChecksums);
        r.Response.Headers[S3Headers.VersionId] = VersionIdQuery.NullVersion;
        if (result.PartsCount is { } count)
        {
            r.Response.Headers[S3Headers.MpPartsCount] = count.ToString(CultureInfo.InvariantCulture);
        }

        S3TaggingCodec.WriteTagCount(r.Response, result.Record.Tags);
    }

    public WriteCondition ReadDeleteObject(OperationRequest r)
    {
        VersionIdQuery.Require(r.Request.Query);
        return WriteConditions.ForDelete(r.Request.Headers);
    }

    public CopyObjectInput ReadCopyObject(OperationRequest r)
    {
        var headers = r.Request.Headers;
        var source = S3CopySource.ReadSource(headers);
        var replace = headers[S3Headers.MetadataDirective].ToString() switch
        {
            "" or "COPY" => false,
            "REPLACE" => true,
            _ => throw new CairnException(ErrorCode.InvalidArgument, "Unknown metadata directive."),
        };
        return new CopyObjectInput(
            source,
            S3CopySource.ReadConditions(headers),
            replace,
            StorageClasses.Validate(ObjectRequestHeaders.ReadObjectHeaders(headers)),
            replace ? ObjectRequestHeaders.ReadUserMetadata(headers, r.Dialect, limits) : null,
            WriteConditions.ForWrite(headers))
        {
            Tags = S3TaggingCodec.ReadCopyTags(headers),
        };
    }

    public Task WriteCopyObjectAsync(OperationRequest r, ObjectRecord copy)
    {
        ObjectResponseHeaders.WriteChecksums(r.Response, copy);
        return S3Xml.WriteAsync(r.Response, "CopyObjectResult", xml =>
        {
            xml.Element("LastModified", ObjectResponseHeaders.XmlDate(copy.LastModified));
            xml.Element("ETag", ObjectResponseHeaders.Quote(copy.ETag));
            xml.Checksums(copy.Checksums);
        }, r.Aborted);
    }

    public ObjectAttributesInput ReadObjectAttributes(OperationRequest r) => S3ObjectAttributesCodec.Read(r);

    public Task WriteObjectAttributesAsync(OperationRequest r, ObjectAttributesResult result) => S3ObjectAttributesCodec.WriteAsync(r, result);

    public Task<DeleteObjectsInput> ReadDeleteObjectsAsync(OperationRequest r) => S3DeleteObjectsCodec.ReadAsync(r, limits);

    public Task WriteDeleteObjectsAsync(OperationRequest r, DeleteObjectsResult result) => S3DeleteObjectsCodec.WriteAsync(r, result);
}
