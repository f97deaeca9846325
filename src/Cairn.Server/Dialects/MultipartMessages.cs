using Cairn.Core.Model;
using Cairn.Server.Http;

namespace Cairn.Server.Dialects;

/// <summary>UploadPartCopy: the target part, the source, its conditions and the source bytes (null = all of them).</summary>
internal sealed record UploadPartCopyInput(string UploadId, int PartNumber, CopySource Source, ObjectConditions SourceConditions, SourceRange? Range);

/// <summary>CompleteMultipartUpload: the upload and the condition on the object it becomes.</summary>
internal sealed record CompleteMultipartUploadInput(string UploadId, WriteCondition Condition);

/// <summary>ListMultipartUploads: the filter, the position and the page size, echoed in the answer.</summary>
internal sealed record ListUploadsInput(KeyEncoding Encoding, string Prefix, string Delimiter, string KeyMarker, string UploadIdMarker, int? MaxUploads);

/// <summary>ListParts: the upload, the part number to list after and the page size.</summary>
internal sealed record ListPartsInput(string UploadId, int PartNumberMarker, int? MaxParts);
