namespace Cairn.Client.Sharing;

/// <summary>
/// Everything a client without keys needs to finish a multipart upload with plain HTTP: a PUT URL per part,
/// and GET (ListParts, to resume), POST (CompleteMultipartUpload, body from <see cref="CompleteMultipartUploadBody"/>)
/// and DELETE (AbortMultipartUpload) URLs for the upload, all valid until <see cref="Expiration"/>.
/// </summary>
public sealed record PresignedMultipartUpload(
    string Bucket,
    string Key,
    string UploadId,
    long Size,
    long PartSize,
    DateTimeOffset Expiration,
    IReadOnlyList<PresignedPart> Parts,
    Uri ListParts,
    Uri Complete,
    Uri Abort);
