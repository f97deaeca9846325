using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>
/// A dialect's spelling of the whole-object operations: PutObject, GetObject/HeadObject, DeleteObject, CopyObject,
/// GetObjectAttributes and DeleteObjects.
/// </summary>
internal interface IObjectCodec
{
    /// <summary>The stored headers, user metadata, integrity claims and write condition of an upload.</summary>
    PutObjectCommand ReadPutObject(S3Request r);

    void WritePutObject(S3Request r, ObjectRecord stored);

    /// <summary>GetObject and HeadObject alike.</summary>
    ObjectReadInput ReadGetObject(S3Request r);

    /// <summary>The validators (ETag, Last-Modified), written before the conditions are evaluated so a 304 keeps them.</summary>
    void WriteValidators(S3Request r, ObjectRecord record);

    /// <summary>The object's stored headers and metadata on a GET or HEAD (the status and range headers excepted).</summary>
    void WriteObjectHeaders(S3Request r, ObjectReadResult result);

    WriteCondition ReadDeleteObject(S3Request r);

    CopyObjectInput ReadCopyObject(S3Request r);

    Task WriteCopyObjectAsync(S3Request r, ObjectRecord copy);

    ObjectAttributesInput ReadObjectAttributes(S3Request r);

    Task WriteObjectAttributesAsync(S3Request r, ObjectAttributesResult result);

    /// <summary>Reads the batch document (its integrity verified as it is read).</summary>
    Task<DeleteObjectsInput> ReadDeleteObjectsAsync(S3Request r);

    Task WriteDeleteObjectsAsync(S3Request r, DeleteObjectsResult result);
}
