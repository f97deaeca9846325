using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>OSS's multipart operations: OSS element names, encoding-type=url, x-oss-complete-all, part CRC-64s.</summary>
internal sealed class OssMultipartCodec : IMultipartCodec
{
    public UploadRecord ReadCreateMultipartUpload(OperationRequest r) => throw Pending.Operation();

    public Task WriteCreateMultipartUploadAsync(OperationRequest r, UploadRecord upload) => throw Pending.Operation();

    public UploadPartCommand ReadUploadPart(OperationRequest r) => throw Pending.Operation();

    public void WriteUploadPart(OperationRequest r, PartRecord part) => throw Pending.Operation();

    public UploadPartCopyInput ReadUploadPartCopy(OperationRequest r) => throw Pending.Operation();

    public Task WriteUploadPartCopyAsync(OperationRequest r, PartRecord part) => throw Pending.Operation();

    public CompleteMultipartUploadInput ReadCompleteMultipartUpload(OperationRequest r) => throw Pending.Operation();

    public Task<IReadOnlyList<CompletePart>> ReadCompletePartsAsync(OperationRequest r) => throw Pending.Operation();

    public Task WriteCompleteMultipartUploadAsync(OperationRequest r, ObjectRecord completed) => throw Pending.Operation();

    public string ReadUploadId(OperationRequest r) => throw Pending.Operation();

    public ListUploadsInput ReadListMultipartUploads(OperationRequest r) => throw Pending.Operation();

    public Task WriteListMultipartUploadsAsync(OperationRequest r, ListUploadsInput input, UploadPage page, IReadOnlyDictionary<string, string> owners) => throw Pending.Operation();

    public ListPartsInput ReadListParts(OperationRequest r) => throw Pending.Operation();

    public Task WriteListPartsAsync(OperationRequest r, ListPartsInput input, PartPage page, IReadOnlyDictionary<string, string> owners) => throw Pending.Operation();
}
