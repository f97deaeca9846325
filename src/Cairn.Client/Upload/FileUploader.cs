using System.Diagnostics;
using Amazon.S3;
using Cairn.Client.Checkpoints;
using Cairn.Client.IO;
using Cairn.Client.Progress;
using Cairn.Client.Retry;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Client.Upload;

/// <summary>
/// Uploads a file (or a seekable <see cref="FileStream"/>) in parallel parts read straight from the file at their
/// offsets, so memory stays at the SDK's send buffers whatever the file size. With a checkpoint path it resumes:
/// see <see cref="UploadResumer"/> for how an earlier run's state is checked against the server and the source.
/// </summary>
internal sealed class FileUploader
{
    private readonly TransferOptions _options;
    private readonly Retrier _retrier;
    private readonly UploadOperations _operations;

    public FileUploader(IAmazonS3 s3, TransferOptions options)
    {
        _options = options;
        _retrier = new Retrier(options.Retry, options.OnRetry);
        _operations = new UploadOperations(s3, _retrier, options);
    }

    public async Task<UploadResult> UploadFileAsync(string path, string bucket, string key, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var source = SourceIdentity.Of(path);
        using var handle = File.OpenHandle(source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        var previous = CheckpointFile.Load<UploadCheckpoint>(_options.CheckpointPath);
        var resumer = new UploadResumer(_operations, handle);
        var resume = previous is null
            ? ResumeDecision.Fresh(source, null)
            : await resumer.DecideAsync(previous, source, bucket, key, cancellationToken).ConfigureAwait(false);
        if (resume.Checkpoint is null)
        {
            CheckpointFile.Delete(_options.CheckpointPath);
        }

        var result = await UploadCoreAsync(handle, 0, source.Size, bucket, key, resume, () => source != SourceIdentity.Of(path), cancellationToken).ConfigureAwait(false);
        return result with { Elapsed = clock.Elapsed };
    }

    /// <summary>Uploads the rest of a seekable file stream from its current position; never checkpointed.</summary>
    public async Task<UploadResult> UploadFileStreamAsync(FileStream stream, string bucket, string key, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await UploadCoreAsync(stream.SafeFileHandle, stream.Position, stream.Length - stream.Position, bucket, key,
            ResumeDecision.Fresh(null, null), () => false, cancellationToken).ConfigureAwait(false);
        return result with { Elapsed = clock.Elapsed };
    }

    private async Task<UploadResult> UploadCoreAsync(
        SafeFileHandle handle, long baseOffset, long size, string bucket, string key, ResumeDecision resume,
        Func<bool> sourceChanged, CancellationToken cancellationToken)
    {
        var checkpoint = resume.Checkpoint;
        var partSize = checkpoint?.PartSize ?? PartPlanner.ChoosePartSize(size, _options.PartSize, _options.Limits);
        var partCount = PartPlanner.PartCount(size, partSize);
        var progress = new ProgressTracker(_options.Progress, size, partCount);
        if (checkpoint is null && size <= partSize)
        {
            var etag = await _operations.PutObjectAsync(bucket, key,
                onProgress => new FileSegmentStream(handle, baseOffset, size, onProgress), progress, cancellationToken).ConfigureAwait(false);
            progress.PartDone(size);
            return new UploadResult
            {
                Bucket = bucket, Key = key, ETag = etag, Size = size, BytesTransferred = size, Multipart = false, PartSize = size,
                PartsTotal = 1, PartsUploaded = 1, StartedOverReason = resume.Reason, Retries = _retrier.Retries,
            };
        }

        if (checkpoint is null)
        {
            var uploadId = await _operations.CreateAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            checkpoint = new UploadCheckpoint
            {
                Bucket = bucket,
                Key = key,
                UploadId = uploadId,
                Source = resume.Source ?? new SourceIdentity(string.Empty, size, default),
                PartSize = partSize,
                Started = DateTimeOffset.UtcNow,
            };
        }

        // Written before the first part so that a crash right after CreateMultipartUpload still lets the next run
        // find (and continue or abort) this upload.
        using var writer = new CheckpointWriter(_options.CheckpointPath, checkpoint);
        await writer.SaveAsync().ConfigureAwait(false);
        var done = writer.Parts.Select(p => p.PartNumber).ToHashSet();
        foreach (var part in writer.Parts)
        {
            progress.AddSkippedPart(part.Size);
        }

        progress.Report(force: true);
        var pending = Enumerable.Range(1, partCount).Where(n => !done.Contains(n)).ToList();
        await ParallelWork.RunAsync(pending, _options.EffectiveConcurrency, async (partNumber, token) =>
        {
            var (offset, length) = PartPlanner.PartRange(size, partSize, partNumber);
            var part = await _operations.UploadPartAsync(bucket, key, checkpoint.UploadId, partNumber, length,
                onProgress => new FileSegmentStream(handle, baseOffset + offset, length, onProgress), progress, token).ConfigureAwait(false);
            await writer.AddAsync(part).ConfigureAwait(false);
            progress.PartDone(length);
        }, cancellationToken).ConfigureAwait(false);

        if (sourceChanged())
        {
            await _operations.AbortQuietlyAsync(bucket, key, checkpoint.UploadId).ConfigureAwait(false);
            writer.Delete();
            throw new SourceChangedException($"{resume.Source?.Path} changed during the upload; the upload was aborted. Run it again to upload the new content.");
        }

        var etagDone = await _operations.CompleteAsync(bucket, key, checkpoint.UploadId, writer.Parts, cancellationToken).ConfigureAwait(false);
        writer.Delete();
        return new UploadResult
        {
            Bucket = bucket,
            Key = key,
            ETag = etagDone,
            Size = size,
            BytesTransferred = pending.Sum(n => PartPlanner.PartRange(size, partSize, n).Length),
            Multipart = true,
            PartSize = partSize,
            PartsTotal = partCount,
            PartsUploaded = pending.Count,
            PartsSkipped = partCount - pending.Count,
            Resumed = resume.Checkpoint is not null,
            StartedOverReason = resume.Reason,
            Retries = _retrier.Retries,
        };
    }
}
