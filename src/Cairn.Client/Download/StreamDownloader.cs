using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Client.Hashing;
using Cairn.Client.Progress;
using Cairn.Client.Retry;

namespace Cairn.Client.Download;

/// <summary>
/// Copies an object into a stream front to back (stdout, a pipe). A broken connection resumes with a ranged GET
/// from the first byte not yet written, pinned to the same ETag. MD5s are computed on the way — per part, with
/// the part size from HEAD ?partNumber=1, for a multipart ETag — so the content is verified without a second
/// read; a mismatch can only be reported after the bytes were written, as an error.
/// </summary>
internal sealed class StreamDownloader
{
    private const int CopyBufferSize = 256 * 1024;

    private readonly IAmazonS3 _s3;
    private readonly TransferOptions _options;
    private readonly Retrier _retrier;

    public StreamDownloader(IAmazonS3 s3, TransferOptions options)
    {
        _s3 = s3;
        _options = options;
        _retrier = new Retrier(options.Retry, options.OnRetry);
    }

    public async Task<DownloadResult> DownloadAsync(string bucket, string key, Stream destination, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var version = await ObjectVersion.HeadAsync(_s3, _retrier, bucket, key, cancellationToken).ConfigureAwait(false);
        long[]? partSizes = null;
        if (ETags.MultipartCount(version.ETag) is { } count)
        {
            var (firstSize, partsCount) = await ObjectVersion.HeadPartAsync(_s3, _retrier, bucket, key, 1, cancellationToken).ConfigureAwait(false);
            partSizes = partsCount == count ? DownloadVerifier.UniformSizes(version.Size, firstSize, count) : null;
        }

        var plain = ETags.IsPlainMd5(version.ETag);
        var boundaries = partSizes ?? [Math.Max(version.Size, 0)];
        var digests = new List<byte[]>();
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var partIndex = 0;
        var partRemaining = boundaries[0];
        var progress = new ProgressTracker(_options.Progress, version.Size, 1);
        var position = 0L;
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (version.Size > 0 && position < version.Size)
            {
                await _retrier.RunAsync("GetObject", async (_, token) =>
                {
                    using var response = await _s3.GetObjectAsync(new GetObjectRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        ByteRange = position > 0 ? new ByteRange(position, version.Size - 1) : null,
                        EtagToMatch = "\"" + version.ETag + "\"",
                    }, token).ConfigureAwait(false);
                    int read;
                    while (position < version.Size && (read = await response.ResponseStream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, version.Size - position)), token).ConfigureAwait(false)) > 0)
                    {
                        await destination.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                        var chunk = buffer.AsSpan(0, read);
                        while (!chunk.IsEmpty)
                        {
                            var take = (int)Math.Min(chunk.Length, partRemaining);
                            md5.AppendData(chunk[..take]);
                            chunk = chunk[take..];
                            partRemaining -= take;
                            if (partRemaining == 0 && partIndex < boundaries.Length - 1)
                            {
                                digests.Add(md5.GetHashAndReset());
                                partRemaining = boundaries[++partIndex];
                            }
                        }

                        position += read;
                        progress.AddDone(read);
                    }

                    if (position < version.Size)
                    {
                        throw new IOException($"The response ended after {position} of {version.Size} bytes.");
                    }
                }, cancellationToken).ConfigureAwait(false);
            }

            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        digests.Add(md5.GetHashAndReset());
        // The bytes were done as soon as the destination had them: a broken connection resumes after them.
        progress.PartDone(0);
        string verification;
        if (plain)
        {
            var actual = ETags.ToHex(digests[0]);
            verification = actual == version.ETag ? "md5" : throw new TransferVerificationException($"s3://{bucket}/{key}: MD5 of the data is {actual}, the ETag is {version.ETag}.");
        }
        else if (partSizes is not null)
        {
            var actual = ETags.Multipart(digests);
            verification = actual == version.ETag ? "md5-of-md5s" : throw new TransferVerificationException($"s3://{bucket}/{key}: md5-of-md5s of the data is {actual}, the ETag is {version.ETag}.");
        }
        else
        {
            verification = "none";
        }

        return new DownloadResult
        {
            Bucket = bucket, Key = key, Size = version.Size, ETag = version.ETag, BytesTransferred = version.Size, RangesTotal = 1, RangesDownloaded = 1,
            Verification = verification, Retries = _retrier.Retries, Elapsed = clock.Elapsed,
        };
    }
}
