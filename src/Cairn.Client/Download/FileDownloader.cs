using System.Buffers;
using System.Diagnostics;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Client.Checkpoints;
using Cairn.Client.IO;
using Cairn.Client.Progress;
using Cairn.Client.Retry;
using Cairn.Client.Upload;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Client.Download;

/// <summary>
/// Downloads an object with parallel ranged GETs into a preallocated temp file beside the destination, each range
/// written at its offset with <see cref="RandomAccess"/>; after verification the temp file is renamed into place,
/// so the destination is never a half-written file. With a checkpoint path it resumes: ranges already written are
/// kept as long as the object's ETag and size are unchanged, and every GET carries If-Match so a change in the
/// middle of the download is noticed (the download then starts over once).
/// </summary>
internal sealed class FileDownloader
{
    private const string TempSuffix = ".cairn-part";
    private const int CopyBufferSize = 256 * 1024;

    private readonly IAmazonS3 _s3;
    private readonly TransferOptions _options;
    private readonly Retrier _retrier;

    public FileDownloader(IAmazonS3 s3, TransferOptions options)
    {
        _s3 = s3;
        _options = options;
        _retrier = new Retrier(options.Retry, options.OnRetry);
    }

    public async Task<DownloadResult> DownloadAsync(string bucket, string key, string destination, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        destination = Path.GetFullPath(destination);
        string? changedReason = null;
        for (var round = 1; ; round++)
        {
            try
            {
                var result = await DownloadOnceAsync(bucket, key, destination, changedReason, cancellationToken).ConfigureAwait(false);
                return result with { Elapsed = clock.Elapsed, Retries = _retrier.Retries };
            }
            catch (AmazonS3Exception e) when (round < 3 && e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                changedReason = "the object changed on the server during the download";
                CheckpointFile.Delete(_options.CheckpointPath);
                File.Delete(destination + TempSuffix);
            }
        }
    }

    private async Task<DownloadResult> DownloadOnceAsync(string bucket, string key, string destination, string? reason, CancellationToken cancellationToken)
    {
        var version = await ObjectVersion.HeadAsync(_s3, _retrier, bucket, key, cancellationToken).ConfigureAwait(false);
        var temp = destination + TempSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var previous = CheckpointFile.Load<DownloadCheckpoint>(_options.CheckpointPath);
        var checkpoint = previous;
        if (previous is not null)
        {
            reason = previous switch
            {
                _ when previous.Version != DownloadCheckpoint.CurrentVersion || previous.Bucket != bucket || previous.Key != key || previous.TempPath != temp
                    => "the checkpoint belonged to another transfer",
                _ when previous.ETag != version.ETag || previous.Size != version.Size
                    => $"the object changed on the server (ETag {previous.ETag} is now {version.ETag})",
                _ when !File.Exists(temp) || new FileInfo(temp).Length != version.Size
                    => "the partial file is gone",
                _ => null,
            };
            checkpoint = reason is null ? previous : null;
        }

        if (checkpoint is null)
        {
            var rangeSize = _options.PartSize ?? await ChooseRangeSizeAsync(bucket, key, version, cancellationToken).ConfigureAwait(false);
            checkpoint = new DownloadCheckpoint
            {
                Bucket = bucket, Key = key, ETag = version.ETag, Size = version.Size, RangeSize = Math.Max(rangeSize, 1),
                TempPath = temp, Started = DateTimeOffset.UtcNow,
            };
            File.Delete(temp);
        }

        var rangeCount = version.Size == 0 ? 0 : PartPlanner.PartCount(version.Size, checkpoint.RangeSize);
        var done = new SortedSet<int>(checkpoint.DoneRanges.Where(r => r >= 1 && r <= rangeCount));
        var doneLock = new Lock();
        using var saver = new CheckpointSaver<DownloadCheckpoint>(_options.CheckpointPath, () =>
        {
            lock (doneLock)
            {
                return checkpoint with { DoneRanges = [.. done] };
            }
        });
        var progress = new ProgressTracker(_options.Progress, version.Size, rangeCount);
        var pending = Enumerable.Range(1, rangeCount).Where(r => !done.Contains(r)).ToList();
        string verification;
        // A fresh temp file is preallocated (fewer fragments, and a full disk fails now rather than mid-way).
        var fresh = !File.Exists(temp);
        using (var file = File.OpenHandle(temp, fresh ? FileMode.CreateNew : FileMode.Open, FileAccess.ReadWrite, FileShare.Read,
            FileOptions.Asynchronous, preallocationSize: fresh ? version.Size : 0))
        {
            if (RandomAccess.GetLength(file) != version.Size)
            {
                RandomAccess.SetLength(file, version.Size);
            }

            await saver.SaveAsync().ConfigureAwait(false);
            foreach (var range in done)
            {
                progress.AddSkippedPart(PartPlanner.PartRange(version.Size, checkpoint.RangeSize, range).Length);
            }

            progress.Report(force: true);
            await ParallelWork.RunAsync(pending, _options.EffectiveConcurrency, async (range, token) =>
            {
                var (offset, length) = PartPlanner.PartRange(version.Size, checkpoint.RangeSize, range);
                await DownloadRangeAsync(file, bucket, key, version.ETag, range, offset, length, progress, token).ConfigureAwait(false);
                lock (doneLock)
                {
                    done.Add(range);
                }

                saver.MarkChanged();
                await saver.SaveAsync().ConfigureAwait(false);
                progress.PartDone(length);
            }, cancellationToken).ConfigureAwait(false);

            try
            {
                verification = await new DownloadVerifier(_s3, _retrier).VerifyAsync(file, bucket, key, version, cancellationToken).ConfigureAwait(false);
            }
            catch (TransferVerificationException)
            {
                // The bytes on disk are not the object: keep nothing that a later run would trust.
                saver.Delete();
                file.Dispose();
                File.Delete(temp);
                throw;
            }
        }

        File.Move(temp, destination, overwrite: true);
        saver.Delete();
        return new DownloadResult
        {
            Bucket = bucket,
            Key = key,
            Path = destination,
            Size = version.Size,
            ETag = version.ETag,
            BytesTransferred = pending.Sum(r => PartPlanner.PartRange(version.Size, checkpoint.RangeSize, r).Length),
            RangesTotal = rangeCount,
            RangesDownloaded = pending.Count,
            RangesSkipped = rangeCount - pending.Count,
            Resumed = previous is not null && reason is null,
            StartedOverReason = reason,
            Verification = verification,
        };
    }

    /// <summary>
    /// The object's own part size when it is multipart (so ranges line up with parts), else 8 MiB; raised so that
    /// no more than 10,000 ranges are needed.
    /// </summary>
    private async Task<long> ChooseRangeSizeAsync(string bucket, string key, ObjectVersion version, CancellationToken cancellationToken)
    {
        var size = PartPlanner.DefaultPartSize;
        if (Hashing.ETags.MultipartCount(version.ETag) is > 1)
        {
            var (partSize, _) = await ObjectVersion.HeadPartAsync(_s3, _retrier, bucket, key, 1, cancellationToken).ConfigureAwait(false);
            if (partSize >= 1024 * 1024)
            {
                size = partSize;
            }
        }

        return Math.Max(size, (version.Size + 9_999) / 10_000);
    }

    private Task DownloadRangeAsync(
        SafeFileHandle file, string bucket, string key, string etag, int range, long offset, long length,
        ProgressTracker progress, CancellationToken cancellationToken)
    {
        var written = 0L;
        return _retrier.RunAsync($"GetObject range {range}", async (_, token) =>
        {
            using var response = await _s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket,
                Key = key,
                ByteRange = new ByteRange(offset + written, offset + length - 1),
                EtagToMatch = "\"" + etag + "\"",
            }, token).ConfigureAwait(false);
            var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
            try
            {
                while (written < length)
                {
                    var read = await response.ResponseStream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - written)), token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException($"Range {range} ended after {written} of {length} bytes.");
                    }

                    await RandomAccess.WriteAsync(file, buffer.AsMemory(0, read), offset + written, token).ConfigureAwait(false);
                    written += read;
                    progress.AddInFlight(read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }, cancellationToken);
    }
}
