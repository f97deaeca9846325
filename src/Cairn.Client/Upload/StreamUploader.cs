using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.S3;
using Cairn.Client.IO;
using Cairn.Client.Progress;
using Cairn.Client.Retry;

namespace Cairn.Client.Upload;

/// <summary>
/// Uploads a stream read front to back — stdin, a pipe, a network stream — whose size may be unknown. Parts are
/// cut as data arrives; at most N part buffers exist at once (one being filled, the rest in flight), so memory is
/// about N × part size. A stream that ends inside the first part becomes one PutObject. Such a stream cannot be
/// read again, so an interrupted or failed streaming upload is aborted rather than checkpointed.
/// </summary>
internal sealed class StreamUploader
{
    private readonly TransferOptions _options;
    private readonly Retrier _retrier;
    private readonly UploadOperations _operations;

    public StreamUploader(IAmazonS3 s3, TransferOptions options)
    {
        _options = options;
        _retrier = new Retrier(options.Retry, options.OnRetry);
        _operations = new UploadOperations(s3, _retrier, options);
    }

    public async Task<UploadResult> UploadAsync(Stream stream, string bucket, string key, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var limits = _options.Limits;
        long? knownLength = stream.CanSeek ? stream.Length - stream.Position : null;
        var firstPartSize = knownLength is { } length
            ? PartPlanner.ChoosePartSize(length, _options.PartSize, limits)
            : PartPlanner.StreamingPartSize(_options.PartSize ?? PartPlanner.DefaultPartSize, 1, limits);
        if (firstPartSize > Array.MaxLength)
        {
            throw new NotSupportedException($"Buffered parts of {firstPartSize} bytes are too large; use a file source.");
        }

        long PartSizeOf(int partNumber) => knownLength is null ? PartPlanner.StreamingPartSize(firstPartSize, partNumber, limits) : firstPartSize;

        var progress = new ProgressTracker(_options.Progress, knownLength,
            knownLength is { } total ? PartPlanner.PartCount(total, firstPartSize) : null);
        var concurrency = _options.EffectiveConcurrency;
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent((int)firstPartSize);
        int filled;
        try
        {
            filled = await StreamReading.FillAsync(stream, buffer.AsMemory(0, (int)firstPartSize), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (filled < firstPartSize)
        {
            try
            {
                var md5 = MD5.HashData(buffer.AsSpan(0, filled));
                var etag = await _operations.PutObjectAsync(bucket, key,
                    onProgress => new ProgressMemoryStream(buffer, filled, md5, onProgress), progress, cancellationToken).ConfigureAwait(false);
                progress.SetTotals(filled, 1);
                progress.PartDone(filled);
                return new UploadResult
                {
                    Bucket = bucket, Key = key, ETag = etag, Size = filled, BytesTransferred = filled, Multipart = false, PartSize = filled,
                    PartsTotal = 1, PartsUploaded = 1, Retries = _retrier.Retries, Elapsed = clock.Elapsed,
                };
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        string uploadId;
        try
        {
            uploadId = await _operations.CreateAsync(bucket, key, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        var parts = new List<CheckpointPart>();
        var tasks = new List<Task>();
        var totalBytes = 0L;
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var partNumber = 1;
            var partSize = firstPartSize;
            while (true)
            {
                tasks.Add(SendPartAsync(bucket, key, uploadId, partNumber, buffer, filled, parts, slots, progress, failFast));
                buffer = null!;
                totalBytes += filled;
                if (filled < partSize)
                {
                    break;
                }

                partNumber++;
                partSize = PartSizeOf(partNumber);
                await slots.WaitAsync(failFast.Token).ConfigureAwait(false);
                buffer = ArrayPool<byte>.Shared.Rent((int)partSize);
                filled = await StreamReading.FillAsync(stream, buffer.AsMemory(0, (int)partSize), failFast.Token).ConfigureAwait(false);
                if (filled == 0)
                {
                    slots.Release();
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null!;
                    break;
                }

                if (partNumber > limits.MaxParts)
                {
                    throw new InvalidOperationException($"The stream is longer than {limits.MaxParts} parts; pass a larger part size.");
                }
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            progress.SetTotals(totalBytes, partNumber);
            var etag = await _operations.CompleteAsync(bucket, key, uploadId, parts, cancellationToken).ConfigureAwait(false);
            return new UploadResult
            {
                Bucket = bucket, Key = key, ETag = etag, Size = totalBytes, BytesTransferred = totalBytes, Multipart = true, PartSize = firstPartSize,
                PartsTotal = parts.Count, PartsUploaded = parts.Count, Retries = _retrier.Retries, Elapsed = clock.Elapsed,
            };
        }
        catch (Exception failure)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            await failFast.CancelAsync().ConfigureAwait(false);
            var partFailure = await DrainAsync(tasks).ConfigureAwait(false);
            await _operations.AbortQuietlyAsync(bucket, key, uploadId).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (failure is OperationCanceledException && partFailure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(partFailure);
            }

            throw;
        }
    }

    private async Task SendPartAsync(
        string bucket, string key, string uploadId, int partNumber, byte[] buffer, int length,
        List<CheckpointPart> parts, SemaphoreSlim slots, ProgressTracker progress, CancellationTokenSource failFast)
    {
        try
        {
            var md5 = await Task.Run(() => MD5.HashData(buffer.AsSpan(0, length)), failFast.Token).ConfigureAwait(false);
            var part = await _operations.UploadPartAsync(bucket, key, uploadId, partNumber, length,
                onProgress => new ProgressMemoryStream(buffer, length, md5, onProgress), progress, failFast.Token).ConfigureAwait(false);
            lock (parts)
            {
                parts.Add(part);
            }

            progress.PartDone(length);
        }
        catch
        {
            await failFast.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            slots.Release();
        }
    }

    /// <summary>Waits for every part task and returns the first real (non-cancellation) failure.</summary>
    private static async Task<Exception?> DrainAsync(List<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            // Inspected below.
        }

        return tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!)
            .FirstOrDefault(e => e is not OperationCanceledException);
    }
}
