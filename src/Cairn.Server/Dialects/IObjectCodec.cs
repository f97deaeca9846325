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
    PutObjectCommand ReadPutObject(OperationRequest r);

    void WritePutObject(OperationRequest r, ObjectRecord stored);

    /// <summary>
    /// A browser form upload: reads the form up to its file (the file itself stays unread) and verifies the signature
    /// its fields carry; the handler checks the policy, authorizes and stores.
    /// </summary>
    Task<PostObjectInput> ReadPostObjectAsync(OperationRequest r);

    /// <summary>The answer the form asked for (redirect or status), with the stored object's ETag and location.</summary>
    Task WritePostObjectAsync(OperationRequest r, PostObjectInput input, ObjectRecord stored);

    /// <summary>GetObject and HeadObject alike.</summary>
    ObjectReadInput ReadGetObject(OperationRequest r);

    /// <summary>The validators (ETag, Last-Modified), written before the conditions are evaluated so a 304 keeps them.</summary>
    void WriteValidators(OperationRequest r, ObjectRecord record);

    /// <summary>The object's stored headers and metadata on a GET or HEAD (the status and range headers excepted).</summary>
    void WriteObjectHeaders(OperationRequest r, ObjectReadResult result);

    WriteCondition ReadDeleteObject(OperationRequest r);

    CopyObjectInput ReadCopyObject(OperationRequest r);

    Task WriteCopyObjectAsync(OperationRequest r, ObjectRecord copy);

    ObjectAttributesInput ReadObjectAttributes(OperationRequest r);

    Task WriteObjectAttributesAsync(OperationRequest r, ObjectAttributesResult result);

    /// <summary>Reads the batch document (its integrity verified as it is read).</summary>
    Task<DeleteObjectsInput> ReadDeleteObjectsAsync(OperationRequest r);

    Task WriteDeleteObjectsAsync(OperationRequest r, DeleteObjectsResult result);
}
