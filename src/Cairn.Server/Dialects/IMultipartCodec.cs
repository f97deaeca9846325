using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>A dialect's spelling of the multipart operations, the listings of uploads and parts included.</summary>
internal interface IMultipartCodec
{
    /// <summary>The upload to open: stored headers, user metadata, the declared checksum algorithm and type.</summary>
    UploadRecord ReadCreateMultipartUpload(S3Request r);

    Task WriteCreateMultipartUploadAsync(S3Request r, UploadRecord upload);

    UploadPartCommand ReadUploadPart(S3Request r);

    void WriteUploadPart(S3Request r, PartRecord part);

    UploadPartCopyInput ReadUploadPartCopy(S3Request r);

    Task WriteUploadPartCopyAsync(S3Request r, PartRecord part);

    /// <summary>The upload and the condition on the target; the part list is read separately, once the upload is known.</summary>
    CompleteMultipartUploadInput ReadCompleteMultipartUpload(S3Request r);

    Task<IReadOnlyList<CompletePart>> ReadCompletePartsAsync(S3Request r);

    Task WriteCompleteMultipartUploadAsync(S3Request r, ObjectRecord completed);

    /// <summary>The upload an AbortMultipartUpload names.</summary>
    string ReadUploadId(S3Request r);

    ListUploadsInput ReadListMultipartUploads(S3Request r);

    Task WriteListMultipartUploadsAsync(S3Request r, ListUploadsInput input, UploadPage page, IReadOnlyDictionary<string, string> owners);

    ListPartsInput ReadListParts(S3Request r);

    Task WriteListPartsAsync(S3Request r, ListPartsInput input, PartPage page, IReadOnlyDictionary<string, string> owners);
}
