using Amazon.S3;
using Cairn.Client.Download;
using Cairn.Client.Upload;

namespace Cairn.Client;

/// <summary>
/// Entry point of the transfer engine: resumable, concurrent multipart uploads and parallel ranged downloads on
/// top of the SDK's low-level calls (CreateMultipartUpload, UploadPart, ListParts, Complete, Abort, ranged GET),
/// because the SDK's TransferUtility can neither resume across processes nor bound memory for unknown-size
/// streams. Create the <see cref="IAmazonS3"/> with <see cref="CairnS3ClientFactory"/> so retries are ours alone.
/// </summary>
public sealed class CairnTransferClient
{
    private readonly IAmazonS3 _s3;

    public CairnTransferClient(IAmazonS3 s3)
    {
        ArgumentNullException.ThrowIfNull(s3);
        _s3 = s3;
    }

    /// <summary>
    /// Uploads a file; resumable when <see cref="TransferOptions.CheckpointPath"/> is set. Cancelling the token
    /// pauses: the checkpoint is kept and the upload is not aborted, so the same call later continues it.
    /// </summary>
    public Task<UploadResult> UploadFileAsync(string path, string bucket, string key, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        new FileUploader(_s3, options ?? new TransferOptions()).UploadFileAsync(path, bucket, key, cancellationToken);

    /// <summary>
    /// Uploads a stream from its current position to its end. A seekable <see cref="FileStream"/> is sent in
    /// parallel parts read at their offsets; any other stream is cut into parts as data arrives (memory about
    /// concurrency × part size). Not resumable; a failed or cancelled upload is aborted.
    /// </summary>
    public Task<UploadResult> UploadStreamAsync(Stream stream, string bucket, string key, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new TransferOptions();
        return stream is FileStream { CanSeek: true } file
            ? new FileUploader(_s3, options).UploadFileStreamAsync(file, bucket, key, cancellationToken)
            : new StreamUploader(_s3, options).UploadAsync(stream, bucket, key, cancellationToken);
    }

    /// <summary>
    /// Downloads an object into a file with parallel ranged GETs, verified against its ETag (or a full-object
    /// checksum); resumable when <see cref="TransferOptions.CheckpointPath"/> is set.
    /// </summary>
    public Task<DownloadResult> DownloadFileAsync(string bucket, string key, string path, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        new FileDownloader(_s3, options ?? new TransferOptions()).DownloadAsync(bucket, key, path, cancellationToken);

    /// <summary>Copies an object into a stream in order (e.g. stdout), verified on the way.</summary>
    public Task<DownloadResult> DownloadToStreamAsync(string bucket, string key, Stream destination, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return new StreamDownloader(_s3, options ?? new TransferOptions()).DownloadAsync(bucket, key, destination, cancellationToken);
    }
}
