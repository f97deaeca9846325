using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>A dialect's spelling of the multipart operations, the listings of uploads and parts included.</summary>
internal interface IMultipartCodec
{
    /// <summary>The upload to open: stored headers, user metadata, the declared checksum algorithm and type.</summary>
    UploadRecord ReadCreateMultipartUpload(OperationRequest r);

    Task WriteCreateMultipartUploadAsync(OperationRequest r, UploadRecord upload);

    UploadPartCommand ReadUploadPart(OperationRequest r);

    void WriteUploadPart(OperationRequest r, PartRecord part);

    UploadPartCopyInput ReadUploadPartCopy(OperationRequest r);

    Task WriteUploadPartCopyAsync(OperationRequest r, PartRecord part);

    /// <summary>The upload and the condition on the target; the part list is read separately, once the upload is known.</summary>
    CompleteMultipartUploadInput ReadCompleteMultipartUpload(OperationRequest r);

    Task<IReadOnlyList<CompletePart>> ReadCompletePartsAsync(OperationRequest r);

    Task WriteCompleteMultipartUploadAsync(OperationRequest r, ObjectRecord completed);

    /// <summary>The upload an AbortMultipartUpload names.</summary>
    string ReadUploadId(OperationRequest r);

    ListUploadsInput ReadListMultipartUploads(OperationRequest r);

    Task WriteListMultipartUploadsAsync(OperationRequest r, ListUploadsInput input, UploadPage page, IReadOnlyDictionary<string, string> owners);

    ListPartsInput ReadListParts(OperationRequest r);

    Task WriteListPartsAsync(OperationRequest r, ListPartsInput input, PartPage page, IReadOnlyDictionary<string, string> owners);
}
