using Cairn.Core.Checksums;

namespace Cairn.Core.Objects;

/// <summary>
/// A read-through stream that hashes what passes and checks the client's integrity claims when the end is
/// reached (BadDigest from the final read). For small control documents whose body is not stored as a blob.
/// </summary>
public sealed class VerifyingReadStream(Stream inner, IntegrityExpectation integrity) : Stream
{
    private readonly ContentHasher _hasher = new(integrity.Algorithms);
    private bool _verified;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (read > 0)
        {
            _hasher.Append(buffer.Span[..read]);
        }
        else if (!_verified && buffer.Length > 0)
        {
            _verified = true;
            integrity.Verify(_hasher.Finish());
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hasher.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
