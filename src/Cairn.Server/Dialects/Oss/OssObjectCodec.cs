using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>OSS's whole-object operations: x-oss-* request and response headers, upper-case ETags, x-oss-hash-crc64ecma, copies by x-oss-copy-source, x-oss-forbid-overwrite.</summary>
internal sealed class OssObjectCodec : IObjectCodec
{
    public PutObjectCommand ReadPutObject(OperationRequest r) => throw Pending.Operation();

    public void WritePutObject(OperationRequest r, ObjectRecord stored) => throw Pending.Operation();

    public Task<PostObjectInput> ReadPostObjectAsync(OperationRequest r) => throw Pending.Operation();

    public Task WritePostObjectAsync(OperationRequest r, PostObjectInput input, ObjectRecord stored) => throw Pending.Operation();

    public ObjectReadInput ReadGetObject(OperationRequest r) => throw Pending.Operation();

    public void WriteValidators(OperationRequest r, ObjectRecord record) => throw Pending.Operation();

    public void WriteObjectHeaders(OperationRequest r, ObjectReadResult result) => throw Pending.Operation();

    public WriteCondition ReadDeleteObject(OperationRequest r) => throw Pending.Operation();

    public CopyObjectInput ReadCopyObject(OperationRequest r) => throw Pending.Operation();

    public Task WriteCopyObjectAsync(OperationRequest r, ObjectRecord copy) => throw Pending.Operation();

    public ObjectAttributesInput ReadObjectAttributes(OperationRequest r) => throw Pending.Operation();

    public Task WriteObjectAttributesAsync(OperationRequest r, ObjectAttributesResult result) => throw Pending.Operation();

    public Task<DeleteObjectsInput> ReadDeleteObjectsAsync(OperationRequest r) => throw Pending.Operation();

    public Task WriteDeleteObjectsAsync(OperationRequest r, DeleteObjectsResult result) => throw Pending.Operation();
}
