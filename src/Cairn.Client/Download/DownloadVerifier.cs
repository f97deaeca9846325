using System.Buffers;
using Amazon.S3;
using Cairn.Client.Hashing;
using Cairn.Client.IO;
using Cairn.Client.Retry;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Client.Download;

/// <summary>
/// Checks a downloaded file against what the server says it stored. A plain ETag is the MD5 of the object. A
/// multipart ETag "x-N" is recomputed as md5-of-md5s: the part size comes from HEAD ?partNumber=1 (all parts
/// but the last share it when the uploader used a fixed size, as this client does); if that guess does not
/// reproduce the ETag, every part's exact size is asked for before declaring a mismatch. Other ETags fall back to
/// a full-object checksum when the server reports one.
/// </summary>
internal sealed class DownloadVerifier
{
    private readonly IAmazonS3 _s3;
    private readonly Retrier _retrier;

    public DownloadVerifier(IAmazonS3 s3, Retrier retrier)
    {
        _s3 = s3;
        _retrier = retrier;
    }

    /// <summary>Returns the method used, or throws <see cref="TransferVerificationException"/>.</summary>
    public async Task<string> VerifyAsync(SafeFileHandle file, string bucket, string key, ObjectVersion version, CancellationToken cancellationToken)
    {
        if (ETags.IsPlainMd5(version.ETag))
        {
            var md5 = ETags.ToHex(await Task.Run(() => FileSegmentStream.Md5OfRange(file, 0, version.Size), cancellationToken).ConfigureAwait(false));
            return md5 == version.ETag
                ? "md5"
                : throw Mismatch(bucket, key, $"MD5 of the file is {md5}, the object's ETag is {version.ETag}");
        }

        if (ETags.MultipartCount(version.ETag) is { } count)
        {
            var (firstSize, partsCount) = await ObjectVersion.HeadPartAsync(_s3, _retrier, bucket, key, 1, cancellationToken).ConfigureAwait(false);
            var guessed = UniformSizes(version.Size, firstSize, count);
            if (partsCount == count && guessed is not null
                && await MultipartETagAsync(file, guessed, cancellationToken).ConfigureAwait(false) == version.ETag)
            {
                return "md5-of-md5s";
            }

            var exact = new long[count];
            exact[0] = firstSize;
            for (var part = 2; part <= count; part++)
            {
                exact[part - 1] = (await ObjectVersion.HeadPartAsync(_s3, _retrier, bucket, key, part, cancellationToken).ConfigureAwait(false)).Size;
            }

            var actual = exact.Sum() == version.Size ? await MultipartETagAsync(file, exact, cancellationToken).ConfigureAwait(false) : "(part sizes do not add up)";
            return actual == version.ETag
                ? "md5-of-md5s"
                : throw Mismatch(bucket, key, $"md5-of-md5s of the file is {actual}, the object's ETag is {version.ETag}");
        }

        if (version.Checksum is { } checksum && FullObjectChecksum.Supported.Contains(checksum.Algorithm))
        {
            var actual = await Task.Run(() => ChecksumOf(file, version.Size, checksum), cancellationToken).ConfigureAwait(false);
            return actual == checksum.Base64Value
                ? "checksum-" + checksum.Algorithm
                : throw Mismatch(bucket, key, $"{checksum.Algorithm} of the file is {actual}, the server says {checksum.Base64Value}");
        }

        return "none";
    }

    /// <summary>Part sizes when every part but the last has <paramref name="partSize"/> bytes; null if impossible.</summary>
    internal static long[]? UniformSizes(long total, long partSize, int count)
    {
        if (partSize <= 0 || count < 1)
        {
            return null;
        }

        var last = total - (partSize * (count - 1));
        if (last <= 0 || last > partSize)
        {
            return null;
        }

        var sizes = Enumerable.Repeat(partSize, count).ToArray();
        sizes[^1] = last;
        return sizes;
    }

    private static async Task<string> MultipartETagAsync(SafeFileHandle file, long[] sizes, CancellationToken cancellationToken)
    {
        var offsets = new long[sizes.Length];
        for (var i = 1; i < sizes.Length; i++)
        {
            offsets[i] = offsets[i - 1] + sizes[i - 1];
        }

        var digests = new byte[sizes.Length][];
        await Parallel.ForAsync(0, sizes.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            (i, _) =>
            {
                digests[i] = FileSegmentStream.Md5OfRange(file, offsets[i], sizes[i]);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
        return ETags.Multipart(digests);
    }

    private static string ChecksumOf(SafeFileHandle file, long size, FullObjectChecksum checksum)
    {
        using var hasher = checksum.CreateHasher();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (var offset = 0L; offset < size;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, size - offset)), offset);
                if (read == 0)
                {
                    break;
                }

                hasher.Append(buffer.AsSpan(0, read));
                offset += read;
            }

            return hasher.FinishBase64();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static TransferVerificationException Mismatch(string bucket, string key, string detail) =>
        new($"s3://{bucket}/{key}: downloaded data does not match the server: {detail}.");
}
