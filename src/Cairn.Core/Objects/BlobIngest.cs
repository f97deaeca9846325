using System.Buffers;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Ports;

namespace Cairn.Core.Objects;

/// <summary>
/// Streams a body into a new blob: hashing while writing, exact length enforced, claims verified, and only
/// then committed. Any failure (short body, digest mismatch, signature error thrown by the body stream,
/// cancellation) deletes the temp file, so nothing becomes referenceable.
/// </summary>
public sealed class BlobIngest(IBlobStore blobs)
{
    /// <summary>256 KiB: large enough for disk throughput, small enough that 16 uploads stay far below 300 MiB.</summary>
    private const int BufferSize = 256 * 1024;

    public async Task<(string BlobId, ContentHashes Hashes)> WriteAsync(
        Stream body, long expectedLength, IntegrityExpectation integrity, CancellationToken cancellationToken)
    {
        await using var writer = blobs.CreateWriter();
        using var hasher = new ContentHasher(integrity.Algorithms);
        var current = ArrayPool<byte>.Shared.Rent(BufferSize);
        var other = ArrayPool<byte>.Shared.Rent(BufferSize);
        ValueTask pendingWrite = ValueTask.CompletedTask;
        try
        {
            long total = 0;
            while (true)
            {
                var read = await ReadChunkAsync(body, current, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > expectedLength)
                {
                    throw new CairnException(ErrorCode.InvalidRequest, "The body is longer than the announced content length.");
                }

                hasher.Append(current.AsSpan(0, read));

                // Overlap: the disk write of this buffer runs while the next one is read and hashed.
                await pendingWrite;
                pendingWrite = writer.WriteAsync(current.AsMemory(0, read), cancellationToken);
                (current, other) = (other, current);
            }

            await pendingWrite;
            pendingWrite = ValueTask.CompletedTask;
            if (total != expectedLength)
            {
                throw new CairnException(ErrorCode.IncompleteBody, "You did not provide the number of bytes specified by the Content-Length HTTP header.");
            }

            var hashes = hasher.Finish();
            integrity.Verify(hashes);
            await writer.CommitAsync(cancellationToken);
            return (writer.BlobId, hashes);
        }
        finally
        {
            try
            {
                await pendingWrite;
            }
            catch
            {
                // Only reached when leaving early: the original failure wins, and disposing the writer removes the temp file.
            }

            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(other);
        }
    }

    /// <summary>Fills the buffer as far as the body allows, so small network reads don't make tiny disk writes.</summary>
    private static async ValueTask<int> ReadChunkAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            int n;
            try
            {
                n = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            }
            catch (IOException e)
            {
                throw new CairnException(ErrorCode.IncompleteBody, "The request body ended before the announced length.", e);
            }

            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }
}
